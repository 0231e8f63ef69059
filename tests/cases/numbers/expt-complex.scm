; a negative base to a non-integer power is complex, e^(z2 log z1) (as Chez)
(write (expt -8 3))
(newline)
(write (expt -8 1/3))
