; hand-written .out: the caught errors' messages are closc's (R7RS leaves them unspecified).
; `apply` in tail position whose callee fails (not a procedure, too few or
; too many arguments for a fixed or a rest arity, an improper list): the
; error has the position of the `apply` in the procedure that made it, and
; that procedure is in the backtrace (issue 21, row 15). Each is caught and
; shown; the last is uncaught.
(define (apply-to f l) (apply f l))
(define (apply-spread f a b l) (apply f a b l))
(define (try thunk)
  (guard (e ((error-object? e)
             (list (error-object-message e) (error-object-irritants e))))
    (thunk)))
(define (show x) (write x) (newline))
(show (try (lambda () (apply-to + '(1 2 3)))))
(show (try (lambda () (apply-to 5 '(1 2)))))
(show (try (lambda () (apply-to (lambda (x) x) '(1 2)))))
(show (try (lambda () (apply-to (lambda (x y z . r) x) '(1 2)))))
(show (try (lambda () (apply-spread list 1 2 '(3 . 4)))))
(show (try (lambda () (apply-spread (lambda (a b c) (list c b a)) 1 2 '(3)))))
(define (use f)
  (list (apply-spread f 1 2 '(3 4))))
(use (lambda (a b) a))
