;; (... ...) and (... template) put a literal ellipsis in the output.
(define-syntax dots
  (syntax-rules ()
    ((_ a) '(a (... ...)))))
(display (dots 1)) (newline)
(define-syntax quoted-template
  (syntax-rules ()
    ((_ a b) '(... (a b ...)))))
(display (quoted-template 1 2)) (newline)
(define-syntax def-lister
  (syntax-rules ()
    ((_ name) (define-syntax name (syntax-rules () ((_ x (... ...)) (list 'x (... ...))))))))
(def-lister lst)
(display (lst p q r)) (newline)
