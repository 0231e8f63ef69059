; A global that no definition binds, read two calls deep: the position of
; the reference and the frames of the calls.
(define (inner) (+ 1 missing-global))
(define (outer) (list (inner)))
(outer)
