; A call with the wrong number of arguments is not inlined: it is still the
; run-time arity error it always was.
(define (add2 a b) (+ a b))
(display (add2 1 2))
(newline)
(display (add2 1))
