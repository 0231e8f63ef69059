(write (/ 5 2))
(newline)
(write (/ 5 0))
