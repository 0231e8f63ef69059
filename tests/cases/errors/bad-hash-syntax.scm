; #q is not valid syntax.
(display "start")
(display #q)
