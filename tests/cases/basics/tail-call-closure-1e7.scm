; Tail calls through closures (not known procedures) in a loop of 10^7 iterations.
(define (make-stepper k)
  (lambda (self i acc)
    (if (= i 0)
        acc
        (self self (- i 1) (+ acc k)))))
(define step3 (make-stepper 3))
(display (step3 step3 10000000 0)) (newline)

; a closure chosen from a vector on each iteration, called in tail position
(define handlers
  (vector (lambda (i acc loop) (loop (- i 1) (+ acc 1)))
          (lambda (i acc loop) (loop (- i 1) (- acc 1)))
          (lambda (i acc loop) (loop (- i 1) (+ acc 2)))))
(define (run n)
  (letrec ((loop (lambda (i acc)
                   (if (= i 0)
                       acc
                       ((vector-ref handlers (remainder i 3)) i acc loop)))))
    (loop n 0)))
(display (run 10000000)) (newline)
