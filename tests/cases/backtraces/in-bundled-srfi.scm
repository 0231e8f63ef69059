; hand-written .out: the program imports or includes files of its own, and the error's report is closc's.
; A bundled SRFI procedure given a wrong argument: the error names the
; procedure, and the backtrace goes through the library's file (named as the
; bundled `<closc>/srfi/...`) to the program's call.
(import (scheme base) (scheme write) (srfi 1))
(define (total xs)
  (+ 0 (fold + 0 xs)))
(display (total '(1 2 3)))
(newline)
(display (total 5))
