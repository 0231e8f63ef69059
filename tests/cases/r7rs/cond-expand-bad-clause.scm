; hand-written .out: a compile error: a clause is (requirement form ...).
(display "never printed")
(cond-expand r7rs)
