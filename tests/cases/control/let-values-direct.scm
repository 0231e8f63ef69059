;; call-with-values with two lambdas (let-values, let*-values, receive-like
;; uses, define-values) binds the values directly; these pin its meaning.
(define (two) (values 1 2))
(define (none) (values))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(show (let-values (((a b) (two)) ((c) 3) (() (none))) (list a b c)))
(show (let*-values (((a b) (values 1 2)) ((c d) (values b a))) (list a b c d)))
(show (call-with-values (lambda () (values)) (lambda () 'zero)))
(show (call-with-values (lambda () 5) (lambda (x) (* x x))))
(show (call-with-values (lambda () (values 1 2 3)) (lambda (a b c) (+ a b c))))
(show (call-with-values (lambda () (two)) (lambda args args)))   ; rest: a call as before
(show (let-values (((q r) (floor/ 17 5)) ((s t) (exact-integer-sqrt 17))) (list q r s t)))
(define (body-defines n)
  (define-values (q r) (truncate/ n 7))
  (define-values (x . more) (values 1 2 3))
  (list q r x more))
(show (body-defines 100))
;; A loop in tail position through let-values: no stack growth.
(define (count-down n acc)
  (if (= n 0) acc
      (let-values (((q r) (floor/ n 2)))
        (count-down (- n 1) (+ acc r)))))
(show (count-down 1000000 0))
;; Closures capture each iteration's bindings.
(define thunks
  (let loop ((i 0) (acc '()))
    (if (= i 3) acc
        (let-values (((a b) (values i (* i 10))))
          (loop (+ i 1) (cons (lambda () (list a b)) acc))))))
(show (map (lambda (t) (t)) thunks))
;; Re-entering the producer's continuation binds again.
(define k #f)
(define seen '())
(let-values (((a b) (call/cc (lambda (c) (set! k c) (values 1 2)))))
  (set! seen (cons (list a b) seen)))
(if (< (length seen) 3) (k (length seen) 'again))
(show (reverse seen))
;; Assigning a bound variable, captured by a closure.
(show (let-values (((a b) (two)))
        (let ((get (lambda () a)))
          (set! a 10)
          (list (get) b))))
;; The producer's effects happen once, before the body.
(define log '())
(show (let-values (((a b) (begin (set! log (cons 'produced log)) (two))))
        (set! log (cons 'consumed log))
        (list a b (reverse log))))
