; A let binding must have exactly one init expression.
(display "never printed")
(display (let ((x)) x))
