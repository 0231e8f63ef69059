; A program that imports only (scheme base) does not see closc's other
; names: `string-join` is unbound (a warning, and an error when called).
(import (scheme base) (scheme write))
(display "before\n")
(display (string-join '("a" "b") ","))
