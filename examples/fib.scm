;; Doubly recursive Fibonacci: call and fixnum arithmetic speed.
(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(display (fib 30))
(newline)
