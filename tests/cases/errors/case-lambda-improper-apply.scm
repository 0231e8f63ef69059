;; apply of a case-lambda to an improper list.
(define h (case-lambda ((a) a) (r r)))
(display (apply h '(1 2))) (newline)
(apply h '(1 . 2))
