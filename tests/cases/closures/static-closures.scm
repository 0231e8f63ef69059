;; Lambdas without free variables get one record, built at start-up and
;; shared by every evaluation (a static closure). They must behave like any
;; other procedure: be called, stored, passed, and survive collections.
(define (make-square) (lambda (x) (* x x)))
(define (make-adder-of-two) (lambda (a b) (+ a b)))

(define squares (let loop ((i 0) (acc '()))
                  (if (= i 5) acc (loop (+ i 1) (cons (make-square) acc)))))
(display (map (lambda (f k) (f k)) squares '(1 2 3 4 5))) (newline)

;; Stored in a vector while lots of garbage is made, then called.
(define v (make-vector 100 #f))
(let fill ((i 0))
  (when (< i 100)
    (vector-set! v i (if (even? i) (make-square) (make-adder-of-two)))
    (fill (+ i 1))))
(define (churn n acc) (if (= n 0) (length acc) (churn (- n 1) (cons (make-vector 10 n) acc))))
(display (churn 200000 '())) (newline)
(display (list ((vector-ref v 10) 7) ((vector-ref v 11) 3 4) (procedure? (vector-ref v 99))))
(newline)

;; As arguments to higher-order procedures, with rest parameters, and from
;; inside closures that do have free variables.
(display (apply (lambda args (length args)) '(1 2 3))) (newline)
(define (compose f g) (lambda (x) (f (g x))))
(display ((compose (lambda (x) (+ x 1)) (make-square)) 6)) (newline)
(define (pick which) (if which (lambda () 'yes) (lambda () 'no)))
(display (list ((pick #t)) ((pick #f)))) (newline)

;; letrec-bound lambdas without free variables that escape are static too,
;; also beside a well-known partner whose closure is the escaping one.
(define (make-id) (letrec ((id (lambda (x) x))) id))
(display (map (lambda (k) ((make-id) k)) '(a b c))) (newline)
(define (make-even)
  (letrec ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1)))))
           (od? (lambda (n) (if (= n 0) #f (ev? (- n 1))))))
    ev?))
(define evens (map (lambda (i) (make-even)) '(1 2 3)))
(display (churn 100000 '())) (newline)
(display (map (lambda (f n) (f n)) evens '(10 7 0))) (newline)
