; Accumulating with for-each and set! on a captured variable.
(define (sum-list l)
  (let ((sum 0))
    (for-each (lambda (x) (set! sum (+ sum x))) l)
    sum))
(display (sum-list '(1 2 3 4 5 6 7 8 9 10))) (newline)

(define (count-if pred l)
  (let ((n 0))
    (for-each (lambda (x) (if (pred x) (set! n (+ n 1)))) l)
    n))
(display (count-if odd? '(1 2 3 4 5 7 9))) (newline)

; for-each over two lists, collecting into a captured list (for-each goes left to right)
(define (zip-into a b)
  (let ((acc '()))
    (for-each (lambda (x y) (set! acc (cons (cons x y) acc))) a b)
    (reverse acc)))
(display (zip-into '(1 2 3) '(a b c))) (newline)

; running maximum and minimum in one pass
(define (min-max l)
  (let ((lo (car l)) (hi (car l)))
    (for-each (lambda (x)
                (when (< x lo) (set! lo x))
                (when (> x hi) (set! hi x)))
              l)
    (list lo hi)))
(display (min-max '(5 3 9 -2 8 11 0))) (newline)

; for-each order is left to right
(for-each (lambda (x) (display x) (display ",")) '(a b c d))
(newline)
