;;; fib: doubly recursive Fibonacci, summed over n = 20..37 (call/return overhead, fixnum + - <).
(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(define (sum-fibs lo hi)
  (let loop ((n lo) (acc 0))
    (if (> n hi)
        acc
        (loop (+ n 1) (+ acc (fib n))))))

(display (sum-fibs 20 37))
(newline)
