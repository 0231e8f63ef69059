(import (scheme base) (scheme char) (scheme write) (scheme cxr) (scheme inexact) (scheme complex) (scheme case-lambda) (scheme lazy) (scheme process-context) (srfi 69))
;; hash-table-ref without a failure thunk on a missing key is an error;
;; uncaught, it ends the program.
(define t (make-hash-table eqv?))
(hash-table-set! t 1 'one)
(display (hash-table-ref t 1))
(newline)
(hash-table-ref t 2)
(display "not reached")
