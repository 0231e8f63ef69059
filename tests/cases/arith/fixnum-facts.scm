;;; Procedures whose arithmetic codegen specializes for fixnum arguments
;;; (a second copy of the body, with bounds learned from comparisons): each
;;; is also called with flonums, bignums, ratios and fixnums at the edges of
;;; the fixnum range, which must take the general copy or keep their checks.

(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(display (list (fib 20) (fib 20.0) (fib 1/2) (fib -3) (fib 2.5)))
(newline)

;; Bounds from each kind of comparison, literal on either side.
(define (down-lt n) (if (< n 5) 'small (list (- n 1) (- n 5) (- n 6))))
(define (down-le n) (if (<= n 5) 'small (list (- n 1) (- n 6) (- n 7))))
(define (down-gt n) (if (> n 5) (list (- n 6) (- n 7)) 'small))
(define (down-ge n) (if (>= n 5) (list (- n 5) (- n 6)) 'small))
(define (down-eq n) (if (= n 5) (list (- n 5) (+ n -6)) (- n 1)))
(define (down-flip n) (if (> 5 n) 'small (list (- n 5) (- n 6))))
(define (down-not n) (if (not (< n 5)) (list (- n 5) (+ -6 n)) 'small))
(for-each
 (lambda (f)
   (for-each (lambda (x) (write (f x)) (display " "))
             (list 4 5 6 7 100 5.0 7.5 (expt 2 70) -4611686018427387904))
   (newline))
 (list down-lt down-le down-gt down-ge down-eq down-flip down-not))

;; Subtraction from the least fixnum overflows into a bignum: no bound is
;; known there, so the check stays.
(define (minus-one n m) (if (< m 0) (- n 1) (- n m)))
(display (list (minus-one -4611686018427387904 -1)
               (minus-one -4611686018427387904 1)
               (minus-one 4611686018427387903 -1)
               (minus-one (- (expt 2 62)) 0)))
(newline)

;; A bound carried through a chain of lets, and into a loop.
(define (chain n)
  (if (< n 3)
      'short
      (let* ((a (- n 1)) (b (- a 1)) (c (- b 1)))
        (list a b c (- c 1) (* c 2)))))
(display (list (chain 3) (chain 10) (chain 2) (chain 3.5) (chain (expt 2 64))))
(newline)

(define (count-down n acc)
  (if (<= n 0)
      acc
      (count-down (- n 1) (+ acc n))))
(display (list (count-down 100000 0) (count-down 10.0 0) (count-down 100 0.5)
               (count-down 3/2 0)))
(newline)

;; A parameter assigned with set! gets no facts.
(define (reassigned n)
  (if (< n 2)
      n
      (begin (set! n (/ n 2)) (list n (- n 1) (* n 2)))))
(display (list (reassigned 7) (reassigned 8) (reassigned 1)))
(newline)

;; One argument a fixnum, the other not: the general copy.
(define (mixed a b)
  (list (+ a b) (- a 1) (* b 2) (< a b)))
(display (list (mixed 1 2) (mixed 1 2.5) (mixed 1.5 2) (mixed (expt 2 63) 1)))
(newline)

;; Errors still report the operator in the general copy.
(define (tak x y z)
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))
(display (tak 18 12 6))
(newline)
(display (tak 18.0 12 6))
(newline)

;; A variable bound to a fixnum literal and then assigned gets no fact, in a
;; procedure or at top level.
(define (rebound)
  (let ((y 7))
    (set! y 2.5)
    (list (+ y 1) (- y 1) (< y 3))))
(display (rebound))
(newline)
(let ((x 5))
  (set! x 1/2)
  (display (list (+ x 1) (* x 2)))
  (newline))
