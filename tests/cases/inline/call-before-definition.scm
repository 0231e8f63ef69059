; A procedure defined after code has run may be called before its definition;
; such calls are not inlined, so the unbound variable is still reported.
(display "start")
(newline)
(define (g) (f 1))
(g)
(define (f x) x)
