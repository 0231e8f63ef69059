;; Assigning to a macro keyword is an error.
(define-syntax my-mac
  (syntax-rules () ((_) 1)))
(set! my-mac 5)
