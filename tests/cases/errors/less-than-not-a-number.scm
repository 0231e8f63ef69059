; Comparing a character with <.
(display "sorting") (newline)
(define (smaller a b) (if (< a b) a b))
(display (smaller 3 4)) (newline)
(display (smaller 3 #\a))
