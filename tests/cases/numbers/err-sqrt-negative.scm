; hand-written .out: Chez returns the complex 0+2i; closc has no complex numbers, so it is an error
(write (sqrt 4))
(newline)
(write (sqrt -4))
