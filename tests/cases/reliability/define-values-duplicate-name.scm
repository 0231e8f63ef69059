; R7RS 5.3.3: the formals of define-values are distinct; a name given
; twice is a compile error at its second place (at top level, where
; defining a name twice is allowed, too).
(display "not run")
(define-values (a b a) (values 1 2 3))
