; hand-written .out: closc makes string literals immutable (R7RS 6.7 lets
; an implementation do so); Chez 9.5 lets them be changed. Copies are mutable.
(define lit "abc")
(define copy (string-copy lit))
(string-set! copy 0 #\λ)
(write (list lit copy))
(newline)
(string-set! lit 0 #\x)
(display "not reached")
