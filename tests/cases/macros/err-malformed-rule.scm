;; A rule that is not (pattern template).
(define-syntax bad
  (syntax-rules ()
    ((_ a) a)
    ((_ a b))))
