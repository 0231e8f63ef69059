(write (exact 2.5))
(newline)
(write (exact +inf.0))
