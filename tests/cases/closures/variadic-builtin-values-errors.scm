; hand-written .out: Chez 9.5 has no R7RS error-object? (each guarded call is caught).
;; A builtin used as a value and called with a fixed number of arguments
;; reports its errors as a direct call would (R7RS 6.2.6: the arguments
;; must be numbers), catchably, naming the builtin.
(define (call2 f a b) (f a b))
(define (call3 f a b c) (f a b c))
(define (call0 f) (f))
(define (try thunk)
  (guard (e ((error-object? e) (display "caught") (newline) 'error))
    (thunk)))
(write (try (lambda () (call2 + 1 'a)))) (newline)
(write (try (lambda () (call3 max 1 2 "x")))) (newline)
(write (try (lambda () (call2 < 1 'b)))) (newline)
(write (try (lambda () (call0 max)))) (newline)
(write (try (lambda () (map - '(1 x) '(2 3))))) (newline)
(write (call2 / 1 0))
(newline)
