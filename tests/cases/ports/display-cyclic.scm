; Hand-written .out: Chez 9.5's display loops forever on cycles; R7RS says
; display must terminate, so closc uses datum labels as write does.
(define l (list 1 "two" #\3))
(set-cdr! (cddr l) l)
(display l) (newline)
(define v (vector "s" 'q))
(vector-set! v 1 v)
(display v) (newline)
(define x (list "a"))
(display (list x x)) (newline)
