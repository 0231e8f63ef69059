; hand-written .out: Chez 9.5 has no vector->string.
(write (vector->string (vector #\a 2)))
