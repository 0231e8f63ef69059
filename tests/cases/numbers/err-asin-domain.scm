; hand-written .out: Chez returns a complex number; closc has no complex numbers, so it is an error
(write (asin 1/2))
(newline)
(write (asin 2))
