(write (assoc 3 (quote ((1 . 2) 5))))
