; hand-written .out: closc makes bytevector literals immutable (R7RS 6.9
; lets an implementation do so); Chez 9.5 lets them be changed.
(define b #u8(1 2 3))
(define c (bytevector-copy b))
(bytevector-u8-set! c 0 9)
(write (list b c))
(newline)
(bytevector-u8-set! b 0 9)
