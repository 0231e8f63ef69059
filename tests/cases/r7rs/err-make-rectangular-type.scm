; make-rectangular takes two real numbers
(write (make-rectangular 1 -1))
(newline)
(write (make-rectangular 1 'x))
