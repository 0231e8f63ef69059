(display "never printed")
(write #e+inf.0)
