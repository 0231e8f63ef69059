(write (modulo 7.0 2))
(newline)
(write (modulo 1.5 2))
