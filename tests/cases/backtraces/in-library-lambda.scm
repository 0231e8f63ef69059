; hand-written .out: the program imports or includes files of its own, and the error's report is closc's.
; An anonymous lambda made in a library is named by its file and position.
(import (scheme base) (scheme write) (checks ranges))
(define limit (make-limit 5))
(display (limit 4))
(newline)
(display (limit 6))
