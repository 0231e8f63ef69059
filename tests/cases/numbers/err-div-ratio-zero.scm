(write (/ 1/2 1))
(newline)
(write (/ 1/2 (- 1/3 1/3)))
