(write (odd? 3.0))
(newline)
(write (odd? 1.5))
