; The rest variable of define-values is one of its distinct formals.
(define-values (x . x) (values 1 2))
