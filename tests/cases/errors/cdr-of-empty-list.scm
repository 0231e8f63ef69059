; Walking off the end of a list with cdr.
(define (drop l n) (if (= n 0) l (drop (cdr l) (- n 1))))
(display "before") (newline)
(display (drop '(a b c) 2)) (newline)
(display (drop '(a b c) 4))
