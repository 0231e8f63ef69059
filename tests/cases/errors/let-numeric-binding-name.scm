; let binding names must be identifiers.
(display "never printed")
(let ((1 2)) 1)
