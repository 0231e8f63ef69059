; 10^6 short-lived closures over fresh bindings; a small live set.
(define (make-adder k) (lambda (x) (+ x k)))
(define (loop i acc)
  (if (= i 1000000)
      acc
      (loop (+ i 1) ((make-adder i) acc))))
(display (remainder (loop 0 0) 1000003))
(newline)
