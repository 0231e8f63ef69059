;; (closc base): closc's extras beyond R7RS-small, which a script (a file
;; without `import`) sees without importing them.
(define-library (closc base)
  (import (scheme base))
  (export assert)
  (begin
    ;; (assert expression): an error naming the expression when it is false.
    (define-syntax assert
      (syntax-rules ()
        ((_ expression)
         (if (not expression)
             (error "assertion failed" 'expression)))))))
