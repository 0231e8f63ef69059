;; Exact rational arithmetic on fixnums and ratios of fixnum-sized parts
;; (computed in machine words), and where the parts outgrow them.
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(show (/ 6 4) (/ -6 4) (/ 6 -4) (/ -6 -4) (/ 4 2) (/ 0 5) (/ 1 3) (/ 7 1))
(show (+ 1/3 2/3) (* 2/3 3/2) (- 1/2 1/2) (- 1/2 3/4) (+ 1/6 1/10) (* -3/4 4/9) (/ 3/4 -9/8))
(show (+ 5 1/3) (- 5 1/3) (* 6 1/3) (/ 1/3 6) (/ 6 1/3) (+ 1/3 -1/3))
(define (h n) (let loop ((i 1) (acc 0)) (if (> i n) acc (loop (+ i 1) (+ acc (/ 1 i))))))
(show (h 10) (h 30))
(define big 4611686018427387903)                       ; the largest fixnum
(show (/ big 2) (+ (/ big 2) 1/2) (* (/ big 3) 3) (/ (- -1 big) -1) (/ 9223372036854775807 2))
(show (+ 9223372036854775807/2 9223372036854775807/3) (* 9223372036854775807/2 9223372036854775807/3))
(show (- -9223372036854775808/3 1/3) (/ -9223372036854775808 -9223372036854775807))
(show (floor 7/2) (floor -7/2) (round 5/2) (truncate -5/2) (numerator 6/4) (denominator 6/4))
(show (let loop ((i 1) (acc 0)) (if (> i 2000) (floor acc) (loop (+ i 1) (+ acc (/ i 7))))))
(show (exact->inexact (/ 1 3)) (= 1/2 0.5) (< 1/3 0.3333333333333333) (eqv? 2/4 1/2))
