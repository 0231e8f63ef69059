(write (modulo (expt 2 100) 7))
(newline)
(write (modulo (expt 2 100) 0))
