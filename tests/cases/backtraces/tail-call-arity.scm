; A tail call with the wrong number of arguments, to an unknown procedure
; and to a procedure with a rest parameter that needs more: the error has
; the tail call's position.
(define (call-with-two f)
  (f 1 2))
(define (try f)
  (list (call-with-two f)))
(display (try +))
(display (try (lambda (a b . more) (list a b more))))
(newline)
(display (try (lambda (a b c . more) a)))
