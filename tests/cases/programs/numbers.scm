;; Number theory and exact arithmetic: a sieve, modular exponentiation,
;; the extended Euclidean algorithm, continued fractions of rationals and of
;; square roots, Newton's method in exact rationals, Bernoulli numbers,
;; big factorials in several radixes, and the integer division family.
;; A portable R7RS program.
(import (scheme base)
        (scheme inexact)
        (scheme write))

(define (show label . values)
  (display label)
  (for-each (lambda (v) (display " ") (write v)) values)
  (newline))

;;; Primes below n with a bytevector sieve.
(define (primes-below n)
  (let ((composite (make-bytevector n 0)))
    (let loop ((i 2) (acc '()))
      (cond ((>= i n) (reverse acc))
            ((= 1 (bytevector-u8-ref composite i)) (loop (+ i 1) acc))
            (else
             (do ((j (* i i) (+ j i))) ((>= j n))
               (bytevector-u8-set! composite j 1))
             (loop (+ i 1) (cons i acc)))))))

(define primes (primes-below 200))
(show "primes below 200:" (length primes) (list-tail primes 40))

;;; Modular exponentiation and a Fermat test on a few big numbers.
(define (expt-mod base e m)
  (let loop ((b (modulo base m)) (e e) (acc 1))
    (cond ((zero? e) acc)
          ((odd? e) (loop (modulo (* b b) m) (quotient e 2) (modulo (* acc b) m)))
          (else (loop (modulo (* b b) m) (quotient e 2) acc)))))

(define (probably-prime? n)
  (let loop ((witnesses '(2 3 5 7 11 13)))
    (cond ((null? witnesses) #t)
          ((>= (car witnesses) n) #t)
          ((= 1 (expt-mod (car witnesses) (- n 1) n)) (loop (cdr witnesses)))
          (else #f))))

(define mersenne-61 (- (expt 2 61) 1))
(define mersenne-89 (- (expt 2 89) 1))
(show "2^61-1 prime?" (probably-prime? mersenne-61))
(show "2^89-1 prime?" (probably-prime? mersenne-89))
(show "2^67-1 prime?" (probably-prime? (- (expt 2 67) 1)))
(show "3^200 mod 1000007:" (expt-mod 3 200 1000007))

;;; Extended Euclid: gcd and Bezout coefficients.
(define (extended-gcd a b)
  (if (zero? b)
      (values a 1 0)
      (let-values (((q r) (floor/ a b)))
        (let-values (((g x y) (extended-gcd b r)))
          (values g y (- x (* q y)))))))

(let-values (((g x y) (extended-gcd 240 46)))
  (show "gcd 240 46 =" g "with" x y "check" (+ (* 240 x) (* 46 y))))
(let-values (((g x y) (extended-gcd mersenne-89 (expt 3 50))))
  (show "big gcd =" g "check" (= g (+ (* mersenne-89 x) (* (expt 3 50) y)))))
(show "gcd/lcm:" (gcd 0 0) (gcd -12 18) (lcm 4 6) (lcm) (gcd))

;;; Continued fractions.
(define (continued-fraction q)
  (let loop ((q q) (acc '()))
    (let* ((a (floor q)) (rest (- q a)))
      (if (zero? rest)
          (reverse (cons a acc))
          (loop (/ 1 rest) (cons a acc))))))

(define (from-continued-fraction terms)
  (if (null? (cdr terms))
      (car terms)
      (+ (car terms) (/ 1 (from-continued-fraction (cdr terms))))))

(show "415/93 =" (continued-fraction 415/93))
(show "back:" (from-continued-fraction (continued-fraction 415/93)))
(show "-7/3 =" (continued-fraction -7/3))

;; sqrt(n) has a periodic expansion, computed exactly with integers.
(define (sqrt-continued-fraction n count)
  (let-values (((a0 r) (exact-integer-sqrt n)))
    (if (zero? r)
        (list a0)
        (let loop ((m 0) (d 1) (a a0) (k 0) (acc (list a0)))
          (if (= k count)
              (reverse acc)
              (let* ((m (- (* d a) m))
                     (d (quotient (- n (* m m)) d))
                     (a (quotient (+ a0 m) d)))
                (loop m d a (+ k 1) (cons a acc))))))))

(show "sqrt 2:" (sqrt-continued-fraction 2 6))
(show "sqrt 23:" (sqrt-continued-fraction 23 8))
(show "sqrt 49:" (sqrt-continued-fraction 49 8))

;;; Newton's method for sqrt 2 in exact rationals.
(define (newton-sqrt2 steps)
  (let loop ((x 1) (k 0))
    (if (= k steps) x (loop (/ (+ x (/ 2 x)) 2) (+ k 1)))))
(define approx (newton-sqrt2 5))
(show "newton:" approx)
(show "error below 1e-40:" (< (abs (- (* approx approx) 2)) (expt 10 -40)))
(show "as a flonum:" (inexact approx))
(show "exact of 0.1:" (exact 0.1))
(show "rationalize:" (rationalize (exact .3) 1/10) (rationalize 3/10 1/10))

;;; Bernoulli numbers by the Akiyama-Tanigawa algorithm.
(define (bernoulli n)
  (let ((a (make-vector (+ n 1) 0)))
    (do ((m 0 (+ m 1))) ((> m n))
      (vector-set! a m (/ 1 (+ m 1)))
      (do ((j m (- j 1))) ((< j 1))
        (vector-set! a (- j 1) (* j (- (vector-ref a (- j 1)) (vector-ref a j))))))
    (vector-ref a 0)))
(show "bernoulli:" (map bernoulli '(0 1 2 4 6 8 10 12 20)))

;;; Factorials and radixes.
(define (factorial n) (if (= n 0) 1 (* n (factorial (- n 1)))))
(define f30 (factorial 30))
(show "30! =" f30)
(show "hex:" (number->string f30 16))
(show "binary length:" (string-length (number->string f30 2)))
(show "back from hex:" (= f30 (string->number (number->string f30 16) 16)))
(show "digits of 100!:" (string-length (number->string (factorial 100))))
(show "exact-integer-sqrt of 100!:"
      (call-with-values (lambda () (exact-integer-sqrt (factorial 100)))
        (lambda (s r) (and (<= (* s s) (factorial 100)) (< (factorial 100) (* (+ s 1) (+ s 1)))))))

;;; The integer division family on every sign combination.
(for-each
 (lambda (pair)
   (let ((n (car pair)) (d (cdr pair)))
     (let-values (((fq fr) (floor/ n d))
                  ((tq tr) (truncate/ n d)))
       (show (string-append (number->string n) " / " (number->string d) ":")
             fq fr tq tr (modulo n d) (remainder n d)))))
 '((17 . 5) (-17 . 5) (17 . -5) (-17 . -5)))
(show "exact/inexact mix:" (+ 1/2 0.5) (* 2 0.25) (exact (floor 2.5)) (round 7/2) (round -2.5))
(show "number->string:" (number->string 255 2) (number->string -255 8) (string->number "#xff")
      (string->number "1e3") (string->number "abc"))
