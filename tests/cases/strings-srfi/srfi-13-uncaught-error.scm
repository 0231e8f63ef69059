(include "../../../lib/srfi/13.scm")
; hand-written .out: SRFI 13 is not in Chez; an uncaught error names the procedure
(display (string-index "abc" #\b))
(newline)
(string-pad "abc" 'five)
(display "not reached")
