(write (make-vector -3 0))
