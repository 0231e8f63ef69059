; R7RS 7.1: |...| symbols must be closed.
(display '|abc)
(newline)
