; set! on a parameter that is captured by a closure.
(define (make-accumulator total)
  (lambda (amount)
    (set! total (+ total amount))
    total))

(define a (make-accumulator 100))
(a 10)
(display (a 10)) (newline)
(define b (make-accumulator 5))
(display (b 1)) (newline)
(display (a 0)) (newline)

; the parameter is mutated both before and after creating the closure
(define (tricky n)
  (set! n (* n 2))
  (let ((get (lambda () n)))
    (set! n (+ n 1))
    (get)))
(display (tricky 10)) (newline)

; two closures over the same parameter
(define (pair-of n)
  (cons (lambda () (set! n (+ n 1)) n)
        (lambda () (set! n (- n 1)) n)))
(define pr (pair-of 0))
((car pr)) ((car pr)) ((car pr))
(display ((cdr pr))) (newline)
