;; Arithmetic trees whose operands mix fixnums held in variables with
;; flonums (inline code computes them in f64 where that gives the same value
;; as exact arithmetic followed by one conversion, R7RS 6.2.2 and 6.2.6).
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (id x) x)   ; hides values from the compiler's facts

(define (ops a b)
  (show (+ a b) (- a b) (* a b) (/ a b) (- a) (+ a b 1) (* a b 2) (- (* a 3) b)))
;; A flonum and a fixnum, both ways round.
(ops (id 3) (id 0.5))
(ops (id 0.5) (id 3))
(ops (id -7) (id 2.25))
(ops (id 2.25) (id -7))
;; Exact zeros beside flonums: exact results or exact identities.
(ops (id 0) (id 1.5))
(ops (id 1.5) (id 0))
(ops (id 0) (id -0.0))
(ops (id -0.0) (id 0))
(show (* (id 0) (id +inf.0)) (+ (id 0) (id -0.0)) (- (id -0.0) (id 0)))
;; Two fixnums whose exact result meets a flonum later in the tree.
(define (tree i j x) (+ (* (+ i j) (- i j 1)) x))
(show (tree (id 3) (id 4) (id 0.5)) (tree (id 0) (id 0) (id 0.25)))
(show (tree (id 100000000) (id 100000001) (id 0.5)))          ; 2e16: past 2^53
(show (tree (id 94906265) (id 0) (id 0.5)))                   ; just below 2^53
(show (* (id 4503599627370497) (id 2) (id 1.0)))              ; 2^53 + 2 exactly
(show (+ (* (id 3037000499) (id 3037000499)) (id 0.5)))       ; product past 2^63
(show (+ (id 9007199254740993) (id 0.0)) (+ (id 9007199254740993) (id 1.5)))
(show (- (id -9007199254740993) (id 0.5)))
;; Quotients of fixnums within a flonum tree stay exact until they meet it.
(show (+ (/ (id 1) (id 3)) (id 0.5)) (* (/ (id 2) (id 4)) (id 3.0)) (/ (id 7) (id 2) (id 0.5)))
(show (/ (id 1.5) (id 0.0)) (/ (id 0.0) (id 3)))
;; Results with no flonum in them are exact.
(define (all-exact i j) (+ (* i j) (- i j)))
(show (all-exact (id 6) (id 7)) (exact? (all-exact (id 6) (id 7))))
;; Comparisons between fixnums and flonums are exact.
(define (cmp a b) (show (< a b) (<= a b) (= a b) (> a b) (>= a b)))
(cmp (id 3) (id 3.0))
(cmp (id 3) (id 3.5))
(cmp (id 4.5) (id 4))
(cmp (id 9007199254740993) (id 9007199254740992.0))
(cmp (id 9007199254740992.0) (id 9007199254740993))
(cmp (id 0) (id -0.0))
(cmp (id 1) (id +nan.0))
(cmp (+ (id 2) (id 3)) (* (id 2.5) (id 2)))
;; Loop counters the compiler knows are fixnums, mixed with flonums.
(define (riemann n h)
  (let loop ((i 0) (s 0.0))
    (if (= i n) s (loop (+ i 1) (+ s (* (* i h) h))))))
(show (riemann 1000 0.001) (riemann 10 0.5))
(define (mean-index n)
  (let loop ((i 0) (s 0.0))
    (if (= i n) (/ s n) (loop (+ i 1) (+ s i 0.5)))))
(show (mean-index 100))
(define (steps n)
  (do ((i 0 (+ i 1)) (acc '() (cons (/ 1.0 (+ (* i i 0.5) i 1)) acc)))
      ((= i n) (reverse acc))))
(show (steps 6))
;; Other numbers go to the generic code.
(show (+ (id 1/2) (id 0.25)) (* (id 12345678901234567890) (id 1.0)) (+ (id 1+2i) (id 0.5)))
(show (* (id 2) (id 1/3) (id 1.5)))
