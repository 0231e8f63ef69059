; Hand-written .out: Chez 9.5 exits with status 1 for (exit #t); R7RS means
; a normal exit, status 0.
(display "bye")
(exit #t)
(display "not reached")
