; A procedure that is set! or defined twice may change, so calls to it stay
; calls and see the new definition.
(define (f) 'first)
(define (g) (f))
(display (g))
(set! f (lambda () 'second))
(display (g))
(newline)
(define (h) 'one)
(define (k) (h))
(define (h) 'two)
(display (k))
(newline)
