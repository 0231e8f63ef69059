;; quotient, remainder and modulo whose divisor is a literal (R7RS 6.2.6:
;; truncate and floor division), on known fixnums (a counting loop's
;; variable), on values the compiler knows nothing of, on bignums and on
;; inexact integers; the literal's sign decides modulo's sign.

(define (show . xs) (for-each (lambda (x) (display x) (display " ")) xs) (newline))

;; A loop whose variable is a known fixnum: the division has no slow path.
(define (sweep from to)
  (let loop ((i from) (acc '()))
    (if (> i to)
        (reverse acc)
        (loop (+ i 1)
              (cons (list (quotient i 3) (remainder i 3) (modulo i 3)
                          (quotient i -3) (remainder i -3) (modulo i -3)
                          (modulo i 1) (modulo i -1000) (remainder i 7))
                    acc)))))
(for-each (lambda (row) (show row)) (sweep -7 7))

;; Sums that use the results as fixnums (the compiler knows they are).
(define (digit-sum n)
  (let loop ((n n) (s 0))
    (if (= n 0) s (loop (quotient n 10) (+ s (remainder n 10))))))
(show (digit-sum 1234567) (digit-sum -98765) (digit-sum 0))

(define (count-multiples n)
  (let loop ((i 0) (threes 0) (fives 0))
    (if (= i n)
        (list threes fives)
        (loop (+ i 1)
              (if (= (modulo i 3) 0) (+ threes 1) threes)
              (if (= 0 (remainder i 5)) (+ fives 1) fives)))))
(show (count-multiples 1000))

;; Unknown operands: from a list, so not known to be fixnums.
(define values-list (list 17 -17 0 123456789 -123456789
                          (* 4611686018427387904 8) (- (* 4611686018427387904 8))
                          17.0 -17.0))
(for-each
 (lambda (x)
   (show x (quotient x 4) (remainder x 4) (modulo x 4)
         (quotient x -4) (remainder x -4) (modulo x -4)))
 values-list)

;; The most negative fixnum and bignum neighbours.
(define big (expt 2 62))
(define most-negative (- big))
(show (quotient most-negative 2) (remainder most-negative 3) (modulo most-negative 3)
      (modulo most-negative -3) (quotient (- most-negative 1) 2))
(show (quotient most-negative -1) (remainder most-negative -1) (modulo most-negative -1))
(show (modulo (- big 1) 1000) (modulo (+ big 1) 1000) (remainder (- 0 big 1) 1000))

;; Errors: a non-integer dividend, a zero literal divisor.
(define (try thunk)
  (guard (e (#t (quote error))) (thunk)))
(show (try (lambda () (modulo 7.5 2)))
      (try (lambda () (remainder (car (list 'a)) 3)))
      (try (lambda () (quotient "12" 5)))
      (try (lambda () (modulo (car (list 9)) 0)))
      (try (lambda () (remainder 9 0))))
