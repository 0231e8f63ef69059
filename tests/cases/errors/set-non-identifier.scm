; set! needs an identifier as its target.
(display "never printed")
(set! 5 1)
