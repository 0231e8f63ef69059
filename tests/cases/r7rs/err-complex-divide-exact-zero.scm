; division of an exact complex number by exact 0 is an error
(write (/ 1+i 2))
(newline)
(write (/ 1+i 0))
