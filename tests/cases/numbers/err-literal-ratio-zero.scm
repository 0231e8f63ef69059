(display "never printed")
(write (quote (1 2 1/0)))
