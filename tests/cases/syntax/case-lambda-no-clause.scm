;; No clause accepts the argument count: an arity error naming the procedure
;; and the counts its clauses accept, at the call.
(define f (case-lambda ((a) 'one) ((a b c) 'three)))
(display (f 1)) (newline)
(display (f 1 2))
