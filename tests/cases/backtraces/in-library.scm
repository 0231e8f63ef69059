; hand-written .out: the program imports or includes files of its own, and the error's report is closc's.
; An error raised in a library's procedure (in a library file found in a
; subdirectory) is reported at the library file's line and column, and the
; backtrace names the file of every frame.
(import (scheme base) (scheme write) (checks ranges))
(define (clamp-all xs)
  (map (lambda (x) (+ 0 (check-range x 0 10))) xs))
(display (clamp-all '(1 2 3)))
(newline)
(display (clamp-all '(1 20 3)))
