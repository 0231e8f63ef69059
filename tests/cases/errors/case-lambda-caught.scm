;; The arity error of a case-lambda is an error object a handler can catch,
;; through a direct call and through apply.
(define k (case-lambda (() 'none) ((a b) 'two)))
(define (try thunk)
  (guard (e ((error-object? e) (display (error-object-message e)) (newline) 'caught))
    (thunk)))
(display (list (try (lambda () (k 1))) (try (lambda () (apply k '(1 2 3)))) (k) (k 1 2)))
(newline)
