(write (char-upcase "a"))
