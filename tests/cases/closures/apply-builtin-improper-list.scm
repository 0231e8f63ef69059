(display "before")
(newline)
(display (apply max 1 (quote (2 . 3))))
