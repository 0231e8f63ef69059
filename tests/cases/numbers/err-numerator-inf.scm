(write (numerator 0.5))
(newline)
(write (numerator +inf.0))
