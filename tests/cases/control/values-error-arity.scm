; A consumer that takes the wrong number of values.
(display "start") (newline)
(call-with-values (lambda () (values 1 2 3)) (lambda (a b) a))
