; hand-written .out: the program imports or includes files of its own, and the error's report is closc's.
; A small library procedure inlined into the program's code still shows as
; a frame of its own, at its position in the library file.
(import (scheme base) (scheme write) (checks ranges))
(define (head-plus-one p)
  (+ 1 (first-of p)))
(display (head-plus-one (cons 1 2)))
(newline)
(display (head-plus-one '()))
