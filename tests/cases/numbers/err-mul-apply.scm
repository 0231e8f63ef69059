(write (apply * (list 2 3)))
(newline)
(write (apply * (list 2 (expt 2 70) "3")))
