; A script (no import) sees (closc base)'s extras: assert names the failed expression.
(assert (= (+ 1 1) 2))
(display "first holds\n")
(assert (> 1 2))
(display "not reached\n")
