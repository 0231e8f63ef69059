; hand-written .out: R7RS says `set!` of an unbound variable is an error
; (Chez's top level defines it instead). closc warns at compile time and,
; when the `set!` is evaluated, raises the error (it does not define it).
(display "before")
(newline)
(set! never-defined 42)
(display "never printed")
