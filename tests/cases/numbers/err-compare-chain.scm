(write (< 1 2 3))
(newline)
(write (< 2 1 (quote x)))
