;; define-syntax needs a syntax-rules transformer.
(define-syntax five 5)
