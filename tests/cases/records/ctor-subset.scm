; The constructor may take any subset of the fields, in any order; a bare
; constructor name takes all fields in order.
(define-record-type thing
  (make-thing c a)
  thing?
  (a thing-a)
  (b thing-b set-thing-b!)
  (c thing-c))
(define t (make-thing 1 2))
(set-thing-b! t 'bee)
(write (list (thing-a t) (thing-b t) (thing-c t))) (newline)
(write t) (newline)

(define-record-type pair3 make-pair3 pair3? (x p3-x) (y p3-y) (z p3-z))
(define q (make-pair3 'x 'y 'z))
(write (list (p3-x q) (p3-y q) (p3-z q))) (newline)

(define-record-type empty (make-empty) empty?)
(write (list (empty? (make-empty)) (empty? t))) (newline)
(write (make-empty)) (newline)
