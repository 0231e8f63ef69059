(write (< 1 2))
(newline)
(write (< 1 (quote x)))
