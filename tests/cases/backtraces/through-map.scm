; An error in a procedure that a prelude procedure (map) calls back: the
; prelude frame shows by the name the program called.
(define (check x)
  (if (> x 2) (error "too big" x) (* x 10)))
(define (all xs)
  (cons 'result (map (lambda (x) (+ 0 (check x))) xs)))
(display (all '(1 2)))
(newline)
(display (all '(1 2 3)))
