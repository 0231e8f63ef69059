; Memoised fibonacci: an association-list cache captured in a closure.
(define calls 0)

(define memo-fib
  (let ((cache '()))
    (lambda (n)
      (let ((hit (assv n cache)))
        (if hit
            (cdr hit)
            (let ((v (if (< n 2)
                         n
                         (+ (memo-fib (- n 1)) (memo-fib (- n 2))))))
              (set! calls (+ calls 1))
              (set! cache (cons (cons n v) cache))
              v))))))

(display (memo-fib 30)) (newline)
(display calls) (newline)
(display (memo-fib 50)) (newline)
(display calls) (newline)
(display (memo-fib 50)) (newline)
(display calls) (newline)
(display (memo-fib 80)) (newline)
