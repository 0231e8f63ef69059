; hand-written .out: a compile error (R7RS 4.2.1: a requirement is a feature
; identifier or (library name), (and ...), (or ...), (not requirement)).
(display "never printed")
(cond-expand
  ((not r7rs closc) 1)
  (else 2))
