(write (rationalize 1/3 1/100))
(newline)
(write (rationalize (quote a) 1))
