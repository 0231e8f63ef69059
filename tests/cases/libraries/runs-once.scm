; A library's body runs once per program, in dependency order, before the
; code that imports it, however many libraries import it.
(import (scheme base) (scheme write) (lib user-b) (lib user-a) (lib counter))
(display "program runs\n")
(display (list (a-count) (b-count) (count!)))
(newline)
