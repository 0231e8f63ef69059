;; A use matching no rule is a compile error at the use, naming the macro.
(define-syntax my-macro
  (syntax-rules ()
    ((_ a) (display a))))
(display "never printed")
  (my-macro 1 2)
