(write (make-string -1 #\a))
