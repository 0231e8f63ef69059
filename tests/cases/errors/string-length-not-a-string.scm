; string-length applied to a number.
(display (string-length "abc")) (newline)
(display (string-length 5))
