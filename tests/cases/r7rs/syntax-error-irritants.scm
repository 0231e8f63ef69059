; hand-written .out: a compile error (R7RS 4.3.3): the irritants are written
; after the message; a macro used in a macro's output reports at the use
; (here the program's use of call-two-args) whose expansion produced it.
(define-syntax two-args
  (syntax-rules ()
    ((_ a b) (list a b))
    ((_ . other) (syntax-error "two-args takes two arguments" "given" other (quote sym)))))
(define-syntax call-two-args
  (syntax-rules ()
    ((_ x ...) (two-args x ...))))
(display (call-two-args 1 2))
(newline)
(call-two-args 1 2 3)
