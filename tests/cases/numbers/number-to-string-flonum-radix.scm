; inexact numbers in radix 2: all the binary digits, positionally, which string->number reads back in radix 2
(write (number->string 1.5 10))
(newline)
(write (number->string 1.5 2))
(newline)(write (string->number (number->string 1.5 2) 2))(newline)(write (number->string -0.1 16))(newline)(write (string->number (number->string -0.1 16) 16))
