(import (scheme base) (scheme char) (scheme write) (scheme cxr) (scheme inexact) (scheme complex) (scheme case-lambda) (scheme lazy) (scheme process-context) (srfi 151))
;; The inline fixnum paths against arithmetic: shifts by every count, at the
;; edges of the fixnum range (where results become bignums), and operands
;; that are not fixnums (the runtime's slow paths), inside loops so the
;; compiler sees variables, not constants.
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (check name ok) (unless ok (display "FAIL ") (display name) (newline)))
(define greatest (- (expt 2 62) 1))
(define least (- (expt 2 62)))
(define samples (list 0 1 -1 2 -2 3 -3 5 12345 -12345 greatest least (- greatest 1) (+ least 1)
                      (expt 2 40) (- (expt 2 40)) (expt 2 70) (- (expt 2 70)) (+ (expt 2 70) 12345)))
(define (expected-shift x c) (if (>= c 0) (* x (expt 2 c)) (floor-quotient x (expt 2 (- c)))))
(define count 0)
(for-each
 (lambda (x)
   (do ((c -70 (+ c 1))) ((> c 70))
     (set! count (+ count 1))
     (check (list 'shift x c) (= (arithmetic-shift x c) (expected-shift x c))))
   (check (list 'not x) (= (bitwise-not x) (- -1 x)))
   (for-each
    (lambda (y)
      ;; and/or/xor against their definitions through the other operations
      (let ((a (bitwise-and x y)) (o (bitwise-ior x y)) (e (bitwise-xor x y)))
        (check (list 'and-or x y) (= (+ a o) (+ x y)))
        (check (list 'xor x y) (= e (- o a)))
        (check (list 'and-not x y) (= (bitwise-and x (bitwise-not y)) (- x a)))))
    samples))
 samples)
(show count)
;; a loop over fixnums, the kind of code the inline paths serve
(define (popcount-sum n)
  (let loop ((i 0) (acc 0))
    (if (= i n)
        acc
        (loop (+ i 1) (+ acc (bitwise-and (arithmetic-shift i -3) 7) (bitwise-xor i (bitwise-ior i 1)))))))
(show (popcount-sum 100000))
(show (arithmetic-shift greatest 1) (arithmetic-shift least 1) (arithmetic-shift least -62) (arithmetic-shift greatest -62))
(show (bitwise-not greatest) (bitwise-not least) (bitwise-and least greatest) (bitwise-ior least greatest) (bitwise-xor least -1))
(show (guard (c ((error-object? c) (error-object-message c))) (bitwise-and 1 'x)))
(show (guard (c ((error-object? c) (error-object-message c))) (bitwise-ior 1.0 2)))
(show (guard (c ((error-object? c) (error-object-message c))) (bitwise-xor "a" 2)))
(show (guard (c ((error-object? c) (error-object-message c))) (bitwise-not 1/2)))
(show (guard (c ((error-object? c) (error-object-message c))) (arithmetic-shift 1 2.0)))
(show (guard (c ((error-object? c) (error-object-message c))) (arithmetic-shift 1 (expt 2 70))))
(show (arithmetic-shift 0 (expt 2 70)) (arithmetic-shift 5 (- (expt 2 70))) (arithmetic-shift -5 (- (expt 2 70))))
