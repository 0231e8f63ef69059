;; No clause accepts the argument count: a runtime error naming case-lambda.
(define f (case-lambda ((a) 'one) ((a b c) 'three)))
(display (f 1)) (newline)
(display (f 1 2))
