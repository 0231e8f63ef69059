; A tail call of a known procedure with the wrong number of arguments (a
; warning at compile time, an error when it runs) has the call's position.
(define (pair-up a b) (cons a b))
(define (half-pair x)
  (pair-up x))
(define (run x)
  (list (half-pair x)))
(run 1)
