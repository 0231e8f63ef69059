; hand-written .out: Chez 9.5 accepts -128..-1 in bytevector (as 256 + n); R7RS
; wants bytes (0..255).
(write (bytevector 1 2 -1))
