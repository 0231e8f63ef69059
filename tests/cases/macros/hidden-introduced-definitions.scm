;; A top-level definition of an identifier the macro introduced is invisible
;; to the user (as in Chez): `secret` is renamed.
(define-syntax def-secret
  (syntax-rules () ((_ getter) (begin (define secret 42) (define (getter) secret)))))
(def-secret get)
(display secret)
