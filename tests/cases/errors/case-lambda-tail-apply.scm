;; apply in tail position of a case-lambda to a list no clause accepts: the
;; error is reported at that apply, in the frame that made it.
(define f (case-lambda ((a) a) ((a b c) c)))
(define (spread args) (apply f args))
(display (spread '(1 2 3))) (newline)
(display (spread '(1 2)))
