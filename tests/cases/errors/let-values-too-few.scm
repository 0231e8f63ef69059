;; let-values receiving fewer values than it binds.
(define (f) (let-values (((a b c) (values 1 2))) (list a b c)))
(display (f))
