; asin outside [-1, 1] is complex, -i log(iz + sqrt(1 - z^2)) (R7RS 6.2.6; same digits as Chez)
(write (asin 1/2))
(newline)
(write (asin 2))
