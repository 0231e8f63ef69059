; hand-written .out: Chez 9.5 has no start/end for vector-copy.
(write (vector-copy (vector 1 2 3) 2 1))
