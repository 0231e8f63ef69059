; A macro of the program whose expansion assigns an imported variable: the
; error is at the set! in the macro's template.
(import (scheme base) (lib tally))
(define-syntax clear!
  (syntax-rules () ((_) (set! total 0))))
(clear!)
