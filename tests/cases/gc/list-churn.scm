; Builds and drops many short lists; only the running total survives.
(define (range a b) (if (>= a b) '() (cons a (range (+ a 1) b))))
(define (sum l) (if (null? l) 0 (+ (car l) (sum (cdr l)))))
(define (go n acc)
  (if (= n 0) acc (go (- n 1) (+ acc (sum (map (lambda (x) (* x 2)) (range 0 100)))))))
(display (go 20000 0))
(newline)
