; R7RS 7.1: \q is not an escape in a |...| symbol.
(display '|a\qb|)
