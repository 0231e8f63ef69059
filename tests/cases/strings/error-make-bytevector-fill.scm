; hand-written .out: Chez 9.5 accepts fills from -128 (as 256 + fill); R7RS
; wants a byte (0..255).
(write (make-bytevector 2 -1))
