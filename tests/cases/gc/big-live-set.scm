; A 10^6-element list built first stays live while millions of temporary
; objects are allocated and collected; it must come out intact.
(define (build n acc) (if (= n 0) acc (build (- n 1) (cons n acc))))
(define big (build 1000000 '()))
(define (churn n acc)
  (if (= n 0) acc (churn (- n 1) (+ acc (length (list n n n n))))))
(display (churn 3000000 0))
(newline)
(define (sum l acc) (if (null? l) acc (sum (cdr l) (+ acc (car l)))))
(display (sum big 0))
(newline)
(display (length big))
(newline)
