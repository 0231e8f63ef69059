; hand-written .out: Chez writes inexact numbers in any radix; R7RS (6.2.7) allows only radix 10 for them and closc reports it
(write (number->string 1.5 10))
(newline)
(write (number->string 1.5 2))
