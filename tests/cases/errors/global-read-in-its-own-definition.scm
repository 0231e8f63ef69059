; A global's own definition cannot read it: no earlier form assigned it, so
; the read keeps its unbound check.
(define x 1)
(display x)
(newline)
(define y (+ x y))
