; A type error 10000 frames deep in a non-tail recursion.
(define (sum-firsts l n)
  (if (= n 0) 0 (+ (car l) (sum-firsts (cdr l) (- n 1)))))
(define (make-list-of n x) (if (= n 0) '() (cons x (make-list-of (- n 1) x))))
(display (sum-firsts (make-list-of 10000 1) 10000)) (newline)
(display (sum-firsts (make-list-of 9999 1) 10000))
