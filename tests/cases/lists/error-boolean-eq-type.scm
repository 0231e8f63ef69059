(write (boolean=? #t 1))
