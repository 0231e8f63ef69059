;; Macros expanding into uses of other macros, defined before and after.
(define-syntax my-unless
  (syntax-rules () ((_ c body ...) (my-when (not c) body ...))))
(define-syntax my-when
  (syntax-rules () ((_ c body ...) (if c (begin body ...) #f))))
(my-unless #f (display "ran") (newline))
(display (my-unless #t 'not-run)) (newline)
(define-syntax my-let
  (syntax-rules ()
    ((_ ((n v) ...) body ...) ((lambda (n ...) body ...) v ...))))
(define-syntax my-let2
  (syntax-rules ()
    ((_ bindings body ...) (my-let bindings (my-let () body ...)))))
(display (my-let2 ((a 1) (b 2)) (+ a b))) (newline)
(define-syntax compose-macros
  (syntax-rules ()
    ((_ x) (my-when (> x 0) (my-let ((y (* x 2))) y)))))
(display (list (compose-macros 5) (compose-macros -1))) (newline)
