; an error message shows a circular irritant with datum labels, not 64 KB of it
(define x (list 1 2))
(set-cdr! (cdr x) x)
(display "before")
(newline)
(vector-ref x 0)
