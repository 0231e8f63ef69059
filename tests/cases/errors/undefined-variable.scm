; Reference to a variable that is never defined anywhere in the program.
(display "never printed")
(newline)
(display undefined-thing)
