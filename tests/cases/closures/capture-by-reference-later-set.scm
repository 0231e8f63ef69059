; Closures capture variables, not values: a later set! is visible.
(define x 1)
(define (show-x) x)

(display (show-x)) (newline)
(set! x 2)
(display (show-x)) (newline)

(define (test)
  (let ((y 10))
    (let ((get-y (lambda () y)))
      (display (get-y)) (newline)
      (set! y 20)
      (display (get-y)) (newline)
      (set! y (+ y 5))
      (get-y))))

(display (test)) (newline)
