; Closures as receivers in case => clauses (R7RS).
(define (classify x)
  (case x
    ((1 2 3) => (lambda (n) (list 'small n)))
    ((a e i o u) => (lambda (v) (list 'vowel v)))
    (else => (lambda (other) (list 'other other)))))

(display (classify 2)) (newline)
(display (classify 'e)) (newline)
(display (classify 'z)) (newline)

(define (make-scaler k)
  (lambda (x)
    (case (remainder x 3)
      ((0) => (lambda (r) (* k x)))
      (else => (lambda (r) (+ (* k 1000) r))))))
(define s (make-scaler 7))
(display (map s '(3 4 5 6))) (newline)
