;; Using a macro keyword as a variable is an error (R7RS 4.3).
(define-syntax my-mac
  (syntax-rules () ((_) 1)))
(define f my-mac)
