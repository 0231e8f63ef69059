; hand-written .out: Chez 9.5 utf8->string takes no start/end.
(write (utf8->string (bytevector 65 66) 1 3))
