; R7RS: the square root of a negative flonum is an inexact complex (Chez and Guile: 0.0+1.5i)
(write (sqrt 2.25))
(newline)
(write (sqrt -2.25))
