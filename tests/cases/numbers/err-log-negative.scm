; hand-written .out: Chez returns the complex 0.0+3.14...i; closc has no complex numbers, so it is an error
(write (log 1))
(newline)
(write (log -1))
