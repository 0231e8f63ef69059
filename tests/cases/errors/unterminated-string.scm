; A string literal that is never closed.
(display "this one is fine")
(newline)
(display "this one never ends)
(newline)
