; error with a message and irritants: irritants are written with write.
(display "before") (newline)
(error "something bad" 42 'foo "s")
(display "never printed")
