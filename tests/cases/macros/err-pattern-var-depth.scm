;; A pattern variable under an ellipsis used without one in the template.
(define-syntax bad
  (syntax-rules ()
    ((_ a ...) (list a))))
