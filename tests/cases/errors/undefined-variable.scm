; Reference to a variable that is never defined anywhere in the program:
; the program runs up to the reference, which raises the error.
(display "printed before the reference")
(newline)
(display undefined-thing)
