; `|#%car|` written by the user is not the builtin car: unbound here.
(display "before")
(newline)
(display (|#%car| (list 1 2)))
