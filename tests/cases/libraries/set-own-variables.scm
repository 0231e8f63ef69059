; hand-written .out: the program imports a library of the test's own.
; What may be assigned: a library's own variable (by its procedures and by
; the macro it exports, used in the importer), the program's own globals,
; and local variables shadowing an import.
(import (scheme base) (scheme write) (lib tally))
(define mine 1)
(set! mine (+ mine 1))
(define (shadow car) (set! car (+ car 1)) car)
(add! 3)
(add! 4)
(display total)
(newline)
(reset-total!)
(display total)
(newline)
(display (list mine (shadow 10)))
(newline)
