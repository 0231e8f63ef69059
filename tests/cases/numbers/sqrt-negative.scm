; R7RS 6.2.6: (sqrt -4) is exact +2i (Chez writes 0+2i; R7RS writes +2i)
(write (sqrt 4))
(newline)
(write (sqrt -4))
