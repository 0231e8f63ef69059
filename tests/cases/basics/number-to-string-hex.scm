; Chez Scheme prints hexadecimal digits in upper case.
(write (number->string 255 16)) (newline)
(write (number->string 48879 16)) (newline)
(write (number->string -26 16)) (newline)
(display (number->string 3054 16)) (newline)
