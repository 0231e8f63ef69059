; Closures capture a vector by reference: mutations through one closure are
; visible through the others and through the original binding.
(define (make-histogram size)
  (let ((bins (make-vector size 0)))
    (list (lambda (i) (vector-set! bins i (+ 1 (vector-ref bins i))))
          (lambda () (vector->list bins))
          bins)))

(define h (make-histogram 4))
(define add! (car h))
(define snapshot (cadr h))
(for-each add! '(0 1 1 3 3 3 2 1))
(display (snapshot)) (newline)
(vector-set! (caddr h) 0 100)
(display (snapshot)) (newline)
(write (caddr h)) (newline)

; list captured, mutated with set-car! from outside
(define data (list 1 2 3))
(define (first-of-data) (car data))
(set-car! data 'one)
(display (first-of-data)) (newline)
