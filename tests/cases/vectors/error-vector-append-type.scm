; hand-written .out: Chez 9.5 has no vector-append.
(write (vector-append (vector 1) (quote (2))))
