(write (symbol=? (quote a) "a"))
