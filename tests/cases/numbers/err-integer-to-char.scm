(write (integer->char 65))
(newline)
(write (integer->char 1.5))
