; hand-written .out: Chez 9.5 has no list-set!.
(define l (list 1 2 3))
(list-set! l 3 0)
