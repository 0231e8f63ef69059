;; Flonums that reach arithmetic where the compiler has no sign of them
;; (no flonum literal, variable or inexact builtin in sight): out of lists,
;; vectors and strings, through parameters of procedures called from
;; unknown places, and through unknown calls. Their arithmetic takes the
;; generic path, which must compute exactly what the inline flonum path
;; computes where there are hints.
(define data (list 1.5 2.25 -0.5 3))
(define vec (vector 0.1 0.2 0.3))

(define (sum l)
  (if (null? l) 0 (+ (car l) (sum (cdr l)))))
(display (sum data)) (newline)

(define (dot v w)
  (let loop ((i 0) (acc 0))
    (if (= i (vector-length v))
        acc
        (loop (+ i 1) (+ acc (* (vector-ref v i) (vector-ref w i)))))))
(display (dot vec vec)) (newline)

;; Parameters of a procedure passed as a value.
(display (map (lambda (x) (* x x)) data)) (newline)
(display (map (lambda (x y) (- x y)) data (reverse data))) (newline)
(display (apply max (map (lambda (x) (/ x 2)) data))) (newline)

;; Comparisons and mixed exact/inexact operands.
(define (classify x)
  (cond ((< x 0) 'negative) ((= x 0) 'zero) ((> x 2) 'big) (else 'small)))
(display (map classify (list (car data) (caddr data) (- (car data) (car data)) 3.5)))
(newline)
(define (mid a b) (/ (+ a b) 2))
(display (list (mid (car data) 1) (mid 1 2) (mid (string->number "0.75") 1/4)))
(newline)

;; Unknown call results, and an inexact value fed back into a loop.
(define (next x) (+ (* x x) 1/4))
(define step next)
(let loop ((x (string->number "0.1")) (k 0))
  (if (> k 5)
      (begin (display x) (newline))
      (loop (step x) (+ k 1))))

;; -0.0 and exact zero keep their identities on the generic path.
(define z (list -0.0 0))
(display (list (+ (car z) (cadr z)) (* (cadr z) (car data)) (- (car z)))) (newline)
