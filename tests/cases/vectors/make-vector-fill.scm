; make-vector with and without a fill, list->vector, vector->list round trips,
; vector->string / string->vector on plain vectors.
(write (list (make-vector 3 'x) (make-vector 0 'x) (make-vector 2 "s")))
(newline)
(define shared (make-vector 2 (list 1 2)))
(set-car! (vector-ref shared 0) 99)
(write shared)
(newline)
(write (list->vector '(a "b" #\c 4 (5))))
(newline)
(write (vector->list (list->vector '(1 2 3))))
(newline)
(write (list (vector-length (make-vector 1000 0)) (vector? (make-vector 0)) (vector? "v")))
(newline)
