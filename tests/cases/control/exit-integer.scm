(define (f n) (if (= n 0) (exit 7) (f (- n 1))))
(display "counting down") (newline)
(f 1000)
