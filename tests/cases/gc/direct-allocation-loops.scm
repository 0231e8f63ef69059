;; Loops and recursions whose only allocation is the result of generic
;; arithmetic (flonums, bignums, ratios: R7RS 6.2) made without inline
;; allocation checks still let the collector run: each makes far more
;; garbage than CLOSC_HEAP_MAX (32 MiB) allows to keep.
(define (flonum-loop n)
  (let loop ((i 0) (x 1.0))
    (if (= i n) x (loop (+ i 1) (* x 1.0000001)))))
(define big (expt 10 40))
(define (bignum-loop n)
  (let loop ((i 0) (x big))
    (if (= i n) x (loop (+ i 1) (+ x 3)))))
(define (ratio-loop n)
  (let loop ((i 0) (x 1/3))
    (if (= i n) x (loop (+ i 1) (- x 1/7)))))
(define (bignum-compare-loop n)
  (let loop ((i 0) (hits 0))
    (if (= i n)
        hits
        (loop (+ i 1) (if (< (* i big) (* 2 big)) (+ hits 1) hits)))))
(define (bignum-sum-to n)
  (if (= n 0) big (+ 1 (bignum-sum-to (- n 1)))))
(write (< 1.4 (flonum-loop 4000000) 1.5)) (newline)
(write (- (bignum-loop 2000000) big)) (newline)
(write (ratio-loop 1000000)) (newline)
(write (bignum-compare-loop 1000000)) (newline)
(define (repeat k)
  (if (> k 0) (begin (bignum-sum-to 10000) (repeat (- k 1)))))
(repeat 100)
(write (- (bignum-sum-to 10000) big)) (newline)
