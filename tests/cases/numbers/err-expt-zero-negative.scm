(write (expt 0 0))
(newline)
(write (expt 0 -1))
