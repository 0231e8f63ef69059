; An uncaught compile error inside eval is a runtime error of the caller,
; with the position in the evaluated datum and the caller's position.
(import (scheme base) (scheme write) (scheme eval))
(display "before\n")
(eval '(let ((x 1)) (if)) (environment '(scheme base)))
(display "not reached\n")
