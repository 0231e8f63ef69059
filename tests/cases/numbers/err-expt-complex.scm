; hand-written .out: Chez returns a complex number; closc has no complex numbers, so it is an error
(write (expt -8 3))
(newline)
(write (expt -8 1/3))
