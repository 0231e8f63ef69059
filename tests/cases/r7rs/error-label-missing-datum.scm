; R7RS 2.4: #n= must be followed by a datum.
(display '(a #0=))
