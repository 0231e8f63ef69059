(import (scheme base) (scheme char) (scheme write) (scheme cxr) (scheme inexact) (scheme complex) (scheme case-lambda) (scheme lazy) (scheme process-context) (srfi 13))
; hand-written .out: SRFI 13 is not in Chez; an uncaught error names the procedure
(display (string-index "abc" #\b))
(newline)
(string-pad "abc" 'five)
(display "not reached")
