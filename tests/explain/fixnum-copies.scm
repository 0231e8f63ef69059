;;; Which bodies get a copy specialized for fixnum arguments.

;; Recursive, `n` in three comparisons and subtractions: a copy on n.
(define (fib n)
  (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

;; A loop over a fixnum counter and a flonum sum: a copy on i and n, not on
;; `sum`, which may be a flonum.
(define (average v)
  (let loop ((i 0) (n (vector-length v)) (sum 0.0))
    (if (= i n)
        (/ sum n)
        (loop (+ i 1) n (+ sum (vector-ref v i))))))

;; Not recursive: no copy, however many operations.
(define (poly x) (+ (* x x) (* 3 x) (- x 1)))

;; `n` is assigned: no copy.
(define (halve-down n)
  (if (< n 1)
      n
      (begin (set! n (quotient n 2)) (halve-down (- n 1)))))

;; Every operation also has an unknown operand (a free variable): no copy.
(define (count-up limit)
  (let loop ((i 0))
    (if (= i limit) i (loop (+ i limit)))))

(display (list (fib 15) (average (vector 1 2 3)) (poly 4) (halve-down 100) (count-up 0)))
(newline)
