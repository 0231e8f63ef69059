; hand-written .out: the caught errors' messages are closc's (R7RS leaves them unspecified).
; A tail call into a prelude procedure that fails inside (member and assoc
; given a circular list or a non-alist, map of a circular list,
; call-with-values whose consumer takes the wrong number of values): the
; error is at the call in the procedure that made it, with that procedure
; in the backtrace, as for a non-tail call.
(define (find x l) (member x l))
(define (lookup x l) (assoc x l))
(define (firsts l) (map car l))
(define (consume f) (call-with-values (lambda () (values 1 2)) f))
(define (try thunk)
  (guard (e ((error-object? e) (error-object-message e)))
    (thunk)))
(define (show x) (write x) (newline))
(define ring (list 1 2 3))
(set-cdr! (cddr ring) ring)
(show (find 2 '(1 2 3)))
(show (try (lambda () (find 7 ring))))
(show (lookup 2 '((1 . a) (2 . b))))
(show (try (lambda () (lookup 7 '((1 . a) 2)))))
(show (firsts '((1) (2))))
(show (consume list))
(show (try (lambda () (consume (lambda (a) a)))))
(define (use l)
  (list (find 7 l)))
(use ring)
