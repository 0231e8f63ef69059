;; Which variables codegen's arithmetic treats as possible flonums.
(define scale 0.5)                      ; a global bound to a flonum
(define (norm2 x y) (+ (* x x) (* y y))) ; inlined: its copies see their arguments
(define (steps n)                        ; a loop over fixnums only: no hints
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc i)))))
(define (walk x0)                        ; x0 gets the flonum argument of the known call
  (let loop ((x x0) (k 0))
    (if (> x 10.0) k (loop (* x 2) (+ k 1)))))
(define (root x) (sqrt (+ 1 x)))         ; returns inexact numbers
(define (count-up)                       ; a captured, assigned accumulator is boxed
  (let ((total 0.0))
    (for-each (lambda (v) (set! total (+ total v))) '(1 2 3))
    total))
(display (list (norm2 3 4) (steps 10) (walk 1.5) (* scale (root 3)) (count-up)))
(newline)
