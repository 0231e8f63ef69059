(write (string-ref (make-string 3 #\λ) -1))
