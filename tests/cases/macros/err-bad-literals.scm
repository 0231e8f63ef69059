;; The literal list must hold identifiers.
(define-syntax bad
  (syntax-rules (else 5)
    ((_ a) a)))
