; A wrong argument count through an unknown call points at the call.
(define (pair-up a b) (cons a b))
(define (call-with-one f)
  (list (f 1)))
(call-with-one pair-up)
