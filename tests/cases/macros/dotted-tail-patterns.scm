;; Dotted patterns, including an ellipsis followed by more patterns and a tail.
(define-syntax split
  (syntax-rules ()
    ((_ a ... . r) '((a ...) r))))
(display (split 1 2 . 3)) (newline)
(display (split 1 2 3)) (newline)
(define-syntax head-rest
  (syntax-rules ()
    ((_ (h . t)) '(h t))))
(display (head-rest (1 2 3))) (newline)
(display (head-rest (1 . 2))) (newline)
(display (head-rest (1))) (newline)
(define-syntax last-two
  (syntax-rules ()
    ((_ x ... y z) '(y z (x ...)))))
(display (last-two 1 2 3 4)) (newline)
(display (last-two 1 2)) (newline)
(define-syntax mid
  (syntax-rules ()
    ((_ a b ... c . d) '(a (b ...) c d))))
(display (mid 1 2 3 4 . 5)) (newline)
(display (mid 1 2)) (newline)
(define-syntax my-lambda
  (syntax-rules ()
    ((_ (p ... . r) body) (lambda (p ... . r) body))))
(display ((my-lambda (a b . c) (list a b c)) 1 2 3 4)) (newline)
(display ((my-lambda (a . c) (list a c)) 1)) (newline)
