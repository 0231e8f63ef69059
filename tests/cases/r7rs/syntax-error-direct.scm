; hand-written .out: a compile error (R7RS 4.3.3): syntax-error used outside a
; macro is reported where it is, without irritants.
(display "never printed")
(syntax-error "this program is not finished")
