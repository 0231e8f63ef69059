(write (member 5 (quote (1 2 . 3))))
