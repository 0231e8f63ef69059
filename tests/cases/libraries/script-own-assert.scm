; A script that defines a name (closc base) exports keeps its own, even
; where it is used before its definition.
(define (check) (assert 1))
(define (assert x) (list (quote mine) x))
(display (check))
(newline)
