; set-car! on the empty list.
(define l (list 1 2))
(set-car! l 'x)
(display l) (newline)
(set-car! (cddr l) 'y)
(display "never printed")
