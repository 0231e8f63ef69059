; hand-written .out: Chez returns the complex 0.0+1.5i; closc has no complex numbers, so it is an error
(write (sqrt 2.25))
(newline)
(write (sqrt -2.25))
