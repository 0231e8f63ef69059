(write (inexact->exact 0.25))
(newline)
(write (exact (/ 0. 0)))
