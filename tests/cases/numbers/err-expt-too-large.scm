; hand-written .out: Chez runs out of memory; closc reports the result as too large
(write (expt -1 (expt 10 20)))
(newline)
(write (expt 3 (expt 10 20)))
