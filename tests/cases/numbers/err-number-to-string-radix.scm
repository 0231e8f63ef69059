; hand-written .out: Chez accepts any radix from 2 to 36; R7RS allows 2, 8, 10 and 16
(write (number->string 10 16))
(newline)
(write (number->string 10 3))
