; cadddr of a list of three: the fourth step meets () (R7RS 6.4).
(display (cadddr '(1 2 3 4)))
(newline)
(display (cadddr '(1 2 3)))
