; fib's quick exit runs in line in its callers; a wrong type there is the
; same error, at the same place, as in the body.
(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))
(display (fib 10))
(newline)
(display (fib 'ten))
