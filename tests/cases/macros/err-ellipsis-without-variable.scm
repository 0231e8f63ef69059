;; An ellipsis in a template with no pattern variable to repeat.
(define-syntax bad
  (syntax-rules ()
    ((_ x) (list 1 ...))))
