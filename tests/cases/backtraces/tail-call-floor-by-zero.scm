; floor/ by zero as the program's last form: the error is at that form.
(display "start")
(newline)
(floor/ 7 0)
