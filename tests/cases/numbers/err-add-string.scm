(display "before")
(newline)
(write (+ 1 "a"))
