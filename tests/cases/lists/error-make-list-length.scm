(write (make-list (quote x) 1))
