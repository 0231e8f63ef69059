; Importing the same binding under one name twice is fine: `car` from
; (scheme base) directly and through two libraries that re-export it.
(import (scheme base) (scheme write) (lib reexport) (lib reexport-2))
(write (list (car '(1 2)) (rest '(1 2))))
(newline)
