; Calls to a tree-recursive procedure get its quick exit in line (the test
; and the cheap arm of its body's `if`); only the other case calls. Results
; must be those of plain calls: on the fixnum path, through bignums and
; flonums, with the quick arm as the true or the false arm, with the
; arguments evaluated once each, and with the callee redefined.
(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))
(display (list (fib 0) (fib 1) (fib 2) (fib 25) (fib 20.0) (fib 3/2)))
(newline)
; The quick arm is the false arm; its test is a type test.
(define (leaves t)
  (if (pair? t)
      (+ (leaves (car t)) (leaves (cdr t)))
      (if (null? t) 0 1)))
(display (leaves '((a b) (c (d . e)) () f)))
(newline)
; Several parameters; the quick arm returns one of them.
(define (tak x y z)
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))))
(display (list (tak 18 12 6) (tak 3 2 1) (tak 1 2 3) (tak 6.5 3 0)))
(newline)
; Arguments with effects run once each, whichever way the test goes.
(define count 0)
(define (next! x) (set! count (+ count 1)) x)
(define (size t)
  (if (pair? t) (+ (size (next! (car t))) (size (next! (cdr t)))) 1))
(display (list (size (next! '(1 (2 3) 4))) count))
(newline)
; A global read by the quick arm is read when the call happens.
(define base 100)
(define (weight t)
  (if (pair? t) (+ (weight (car t)) (weight (cdr t))) base))
(define before (weight '(1 2)))
(set! base 1)
(display (list before (weight '(1 2))))
(newline)
; Fixnum boundaries: the leaves' sums overflow into bignums.
(define (big n)
  (if (< n 1)
      4611686018427387903
      (+ (big (- n 1)) (big (- n 1)))))
(display (big 3))
(newline)
; A procedure that is set! later keeps plain calls (the new value runs).
(define (count-down n)
  (if (< n 1) 'done (begin (count-down (- n 1)) (count-down (- n 2)))))
(define old count-down)
(set! count-down (lambda (n) 'replaced))
(display (old 5))
(newline)
