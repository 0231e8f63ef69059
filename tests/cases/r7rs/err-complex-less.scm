; R7RS 6.2.6: < takes real numbers; a complex argument is an error
(write (< 1 2))
(newline)
(write (< 1+i 2))
