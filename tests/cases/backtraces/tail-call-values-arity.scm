; call-with-values whose consumer takes the wrong number of values, as the
; program's last form: the error is at that form.
(display "start")
(newline)
(call-with-values (lambda () (values 1 2)) (lambda (a) a))
