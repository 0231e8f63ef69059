; A program may not assign a variable it imports (R7RS 5.6.1): a compile
; error at the set!'s variable.
(import (scheme base) (scheme write) (lib tally))
(add! 2)
(set! total 5)
(display total)
