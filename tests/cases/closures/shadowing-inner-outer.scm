; An inner binding shadows an outer one; each closure sees its own binding.
(define x 'global)

(define (outer)
  (let ((x 'outer))
    (let ((f (lambda () x)))
      (let ((x 'inner))
        (let ((g (lambda () x)))
          (list (f) (g) x))))))

(display (outer)) (newline)
(display x) (newline)

(define (shadow-in-lambda)
  (let ((n 1))
    ((lambda (n) (lambda () n)) 2)))
(display ((shadow-in-lambda))) (newline)

(let* ((a 1) (f (lambda () a)) (a 2) (g (lambda () a)))
  (display (list (f) (g) a))
  (newline))
