; R7RS 6.7: a hex escape ends with a semicolon.
(display "a\x41 b")
