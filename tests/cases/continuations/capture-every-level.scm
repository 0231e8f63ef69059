; call/cc on every call of a 100,000-deep recursion (as a continuation-passing
; program with escapes does): every capture returns normally, then a second
; recursion escapes from each level through its continuation.
(define (count-up n)
  (if (= n 0)
      0
      (+ 1 (call/cc (lambda (k) (count-up (- n 1)))))))
(display (count-up 100000))
(newline)
(define (escape-each n)
  (if (= n 0)
      0
      (+ 1 (call/cc (lambda (k) (k (escape-each (- n 1))))))))
(display (escape-each 100000))
(newline)
