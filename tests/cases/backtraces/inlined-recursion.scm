; fib is unrolled one level by inlining; an error deep inside still shows
; one fib frame per Scheme-level call, each at its call.
(define (fib n)
  (if (< n 2)
      (if (= n 0) (vector-ref (vector) 0) n)
      (+ (fib (- n 1)) (fib (- n 2)))))
(display (fib 3))
