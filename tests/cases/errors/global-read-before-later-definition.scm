; A top-level read of a global that a later form defines is an unbound
; variable when it runs, even when the variable is defined further down.
(define early 1)
(display early)
(newline)
(display (+ early late))
(define late 2)
