; Closures capturing the loop variables of a named let, including an
; accumulator that is itself a closure built up over the iterations.
(define (build-poly coeffs)
  ; Horner's rule, building the evaluation function one coefficient at a time
  (let loop ((cs coeffs) (f (lambda (x) 0)))
    (if (null? cs)
        f
        (loop (cdr cs)
              (let ((c (car cs)) (prev f))
                (lambda (x) (+ c (* x (prev x)))))))))

(define p (build-poly '(1 2 3)))   ; 1*x^2 + 2*x + 3
(display (map p '(0 1 2 10))) (newline)

(define (adders-upto n)
  (let loop ((i n) (acc '()))
    (if (= i 0)
        acc
        (loop (- i 1) (cons (lambda (x) (+ x i)) acc)))))
(display (map (lambda (f) (f 1000)) (adders-upto 8))) (newline)

; loop variable captured and the loop continues after the closure escapes
(define saved #f)
(let loop ((i 0))
  (when (< i 10)
    (if (= i 4) (set! saved (lambda () (list 'i-was i))))
    (loop (+ i 1))))
(display (saved)) (newline)
