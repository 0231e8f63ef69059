;; A top-level definition of an identifier the macro introduced is invisible
;; to the user (as in Chez): `secret` is renamed, so the user's `secret` is
;; unbound (a warning, and an error when evaluated).
(define-syntax def-secret
  (syntax-rules () ((_ getter) (begin (define secret 42) (define (getter) secret)))))
(def-secret get)
(display (get))
(newline)
(display secret)
