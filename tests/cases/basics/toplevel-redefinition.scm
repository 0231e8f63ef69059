; A top-level variable may be defined again; later references see the new value,
; including references from procedures defined earlier.
(define x 1)
(define (get-x) x)
(display (get-x)) (newline)
(define x 2)
(display (get-x)) (newline)
(define (f) 'old)
(define (call-f) (f))
(display (call-f)) (newline)
(define (f) 'new)
(display (call-f)) (newline)
