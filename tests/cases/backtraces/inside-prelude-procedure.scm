; An error inside a prelude procedure (list-tail) is reported at the
; program's call of it.
(define (drop-five l)
  (list (list-tail l 5)))
(drop-five '(1 2))
