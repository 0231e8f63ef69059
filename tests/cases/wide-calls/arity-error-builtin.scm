;; A wide call of a builtin with the wrong number of arguments is the
;; builtin's arity error, raised after the arguments (evaluated in pieces)
;; and catchable.
(define evaluated 0)
(define (one) (set! evaluated (+ evaluated 1)) 1)
(display (guard (e (#t (list evaluated 'caught)))
  (car
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one)
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one)
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one)
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one)
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one)
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one))))
(newline)
(vector-ref
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one)
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one)
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one)
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one)
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one)
  (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one) (one))
