; A table of factories: closures producing closures, applied over lists with map.
(define (make-multiplier n) (lambda (x) (* n x)))
(define multipliers (map make-multiplier '(1 2 3 4 5)))

(define (table-row x) (map (lambda (m) (m x)) multipliers))
(for-each (lambda (x) (display (table-row x)) (newline)) '(1 2 3 4 5))

; a closure applied element-wise over two lists
(define (make-weighted-sum w1 w2)
  (lambda (xs ys) (map (lambda (x y) (+ (* w1 x) (* w2 y))) xs ys)))
(display ((make-weighted-sum 10 1) '(1 2 3) '(4 5 6))) (newline)
(display (map (lambda (f x y z) (f x y z)) (list + * list) '(1 2 3) '(4 5 6) '(7 8 9))) (newline)
