;;; hello: start-up time (print one line and exit).
(display "hello, world")
(newline)
