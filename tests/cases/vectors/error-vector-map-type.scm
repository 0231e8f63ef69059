(write (vector-map (lambda (x) x) (vector 1) (list 2)))
