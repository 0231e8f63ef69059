; hand-written .out: a compile error (R7RS 4.2.1: else is the last clause).
(display "never printed")
(cond-expand
  (no-such-feature 1)
  (else 2)
  (r7rs 3))
