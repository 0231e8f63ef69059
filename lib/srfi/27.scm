;;; SRFI 27, sources of random bits: the definitions (lib/srfi/27.sld).
;;;
;;; A random source is a record holding the state of L'Ecuyer's combined
;;; multiple recursive generator MRG32k3a: two recurrences of order three,
;;; modulo m1 = 2^32 - 209 and m2 = 2^32 - 22853, period about 2^191. Every
;;; product the recurrences form is below 2^53, so a step is fixnum arithmetic
;;; with no bignums. Each step yields an integer in [1, m1].
;;;
;;; Integers below m1 come from one step by rejection (so every value is
;;; equally likely); larger ranges combine several steps into a base-m1
;;; number (a bignum), again with rejection. Reals are in the open interval
;;; (0, 1): one step gives multiples of 1/(m1+1); a finer `unit` asked of
;;; `random-source-make-reals` draws an integer of the needed range instead.
;;;
;;; The external state (`random-source-state-ref`) is a list: the symbol
;;; `mrg32k3a` and the six state integers; it reads back with `read`.
;;; Helpers are named `srfi-27:...`.

(define srfi-27:m1 4294967087)
(define srfi-27:m2 4294944443)

(define-record-type srfi-27:random-source
  (srfi-27:make-source state)
  random-source?
  (state srfi-27:state))

;; One step of the generator over the state vector #(x10 x11 x12 x20 x21 x22)
;; (oldest first in each half); returns an integer in [1, m1].
(define (srfi-27:next! st)
  (let* ((m1 srfi-27:m1)
         (m2 srfi-27:m2)
         (p1 (modulo (- (* 1403580 (vector-ref st 1)) (* 810728 (vector-ref st 0))) m1))
         (p2 (modulo (- (* 527612 (vector-ref st 5)) (* 1370589 (vector-ref st 3))) m2)))
    (vector-set! st 0 (vector-ref st 1))
    (vector-set! st 1 (vector-ref st 2))
    (vector-set! st 2 p1)
    (vector-set! st 3 (vector-ref st 4))
    (vector-set! st 4 (vector-ref st 5))
    (vector-set! st 5 p2)
    (if (> p1 p2) (- p1 p2) (+ (- p1 p2) m1))))

(define srfi-27:initial-state '#(12345 12345 12345 12345 12345 12345))

(define (make-random-source)
  (srfi-27:make-source (vector-copy srfi-27:initial-state)))

(define default-random-source (make-random-source))

(define (srfi-27:check-source who s)
  (if (not (random-source? s)) (error who "not a random source" s)))

(define (random-source-state-ref s)
  (srfi-27:check-source 'random-source-state-ref s)
  (cons 'mrg32k3a (vector->list (srfi-27:state s))))

;; A valid state: each half in range and not all zero.
(define (srfi-27:valid-state? state)
  (define (in-range? xs m)
    (and (let loop ((xs xs))
           (or (null? xs)
               (and (exact-integer? (car xs)) (<= 0 (car xs)) (< (car xs) m)
                    (loop (cdr xs)))))
         (not (equal? xs '(0 0 0)))))
  (and (list? state)
       (= (length state) 7)
       (eq? (car state) 'mrg32k3a)
       (let ((xs (cdr state)))
         (and (in-range? (list (car xs) (cadr xs) (caddr xs)) srfi-27:m1)
              (in-range? (cdddr xs) srfi-27:m2)))))

(define (random-source-state-set! s state)
  (srfi-27:check-source 'random-source-state-set! s)
  (if (not (srfi-27:valid-state? state))
      (error 'random-source-state-set! "not a state of a random source" state))
  (let ((st (srfi-27:state s)))
    (let loop ((i 0) (xs (cdr state)))
      (if (pair? xs)
          (begin (vector-set! st i (car xs)) (loop (+ i 1) (cdr xs)))))))

;; Folds the non-negative integer `x` into the state, 28 bits at a time
;; (at least once, so 0 still changes the state), stepping the generator
;; after each piece so that nearby inputs give unrelated states.
(define (srfi-27:mix! st x salt)
  (let loop ((x x) (k 0))
    (let ((piece (+ (remainder x 268435456) salt)))
      (do ((i 0 (+ i 1))) ((= i 6))
        (let ((m (if (< i 3) srfi-27:m1 srfi-27:m2)))
          (vector-set! st i (modulo (+ (* (vector-ref st i) 69069)
                                       (* piece (+ i 1))
                                       k 1)
                                    m))))
      (do ((i 0 (+ i 1))) ((= i 8)) (srfi-27:next! st))
      (if (>= x 268435456) (loop (quotient x 268435456) (+ k 1))))))

;; The state depends only on i and j: the initial state with i, then j, mixed in.
(define (random-source-pseudo-randomize! s i j)
  (srfi-27:check-source 'random-source-pseudo-randomize! s)
  (if (not (and (exact-integer? i) (>= i 0)))
      (error 'random-source-pseudo-randomize! "not a non-negative exact integer" i))
  (if (not (and (exact-integer? j) (>= j 0)))
      (error 'random-source-pseudo-randomize! "not a non-negative exact integer" j))
  (let ((st (srfi-27:state s)))
    (vector-copy! st 0 srfi-27:initial-state)
    (srfi-27:mix! st i 1)
    (srfi-27:mix! st j 2)
    (srfi-27:repair! st)))

;; Mixing cannot leave a half all zero in practice; if it did, the
;; generator would be stuck, so such a half gets a fixed non-zero value.
(define (srfi-27:repair! st)
  (if (and (= 0 (vector-ref st 0)) (= 0 (vector-ref st 1)) (= 0 (vector-ref st 2)))
      (vector-set! st 0 1))
  (if (and (= 0 (vector-ref st 3)) (= 0 (vector-ref st 4)) (= 0 (vector-ref st 5)))
      (vector-set! st 3 1)))

;; The state from the clock and a counter, so two calls in the same jiffy differ.
(define srfi-27:randomize-count 0)

(define (random-source-randomize! s)
  (srfi-27:check-source 'random-source-randomize! s)
  (set! srfi-27:randomize-count (+ srfi-27:randomize-count 1))
  (let ((st (srfi-27:state s)))
    (srfi-27:mix! st (current-jiffy) 3)
    (srfi-27:mix! st (exact (floor (* 1000000 (current-second)))) 4)
    (srfi-27:mix! st srfi-27:randomize-count 5)
    (srfi-27:repair! st)))

;; A uniform integer in [0, n) from the state vector `st`.
(define (srfi-27:integer st n)
  (let ((m1 srfi-27:m1))
    (if (<= n m1)
        (let* ((q (quotient m1 n)) (limit (* q n)))
          (let loop ()
            (let ((u (- (srfi-27:next! st) 1)))
              (if (< u limit) (quotient u q) (loop)))))
        ;; k steps make a uniform integer in [0, m1^k), m1^k >= n.
        (let* ((range (let loop ((r m1)) (if (< r n) (loop (* r m1)) r)))
               (q (quotient range n))
               (limit (* q n)))
          (let loop ()
            (let ((u (let digits ((r 1) (u 0))
                       (if (< r range)
                           (digits (* r m1) (+ (* u m1) (- (srfi-27:next! st) 1)))
                           u))))
              (if (< u limit) (quotient u q) (loop))))))))

(define (random-source-make-integers s)
  (srfi-27:check-source 'random-source-make-integers s)
  (let ((st (srfi-27:state s)))
    (lambda (n)
      (if (not (and (exact-integer? n) (> n 0)))
          (error 'random-integer "not a positive exact integer" n))
      (srfi-27:integer st n))))

(define (random-source-make-reals s . unit)
  (srfi-27:check-source 'random-source-make-reals s)
  (let ((st (srfi-27:state s)))
    (if (pair? unit)
        (let ((unit (car unit)))
          (if (not (and (real? unit) (< 0 unit 1)))
              (error 'random-source-make-reals "unit not strictly between 0 and 1" unit))))
    (if (or (null? unit) (>= (car unit) (/ 1. (+ srfi-27:m1 1))))
        (let ((scale (/ 1. (+ srfi-27:m1 1))))
          (lambda () (* (srfi-27:next! st) scale)))
        ;; Finer than one step: (k + 1) / (n + 1) for a uniform k in [0, n).
        (let* ((n (exact (ceiling (/ 1 (car unit)))))
               (scale (/ 1. (+ n 1))))
          (lambda () (* (+ (srfi-27:integer st n) 1) scale))))))

(define random-integer (random-source-make-integers default-random-source))

(define random-real (random-source-make-reals default-random-source))
