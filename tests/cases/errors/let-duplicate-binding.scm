; A let may not bind the same name twice.
(display "never printed")
(display (let ((x 1) (x 2)) x))
