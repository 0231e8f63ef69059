; hand-written .out: closc evaluates arguments left to right (Chez does not)
; Calls to small top-level procedures are inlined; they must still behave as
; calls: arguments evaluated once each, left to right, before the body; the
; parameters are fresh bindings, so a set! inside the callee is not seen by
; the caller's variables.
(define trace '())
(define (note x) (set! trace (cons x trace)) x)
(define (sub3 a b c) (- a b c))
(define (inc! x) (set! x (+ x 1)) x)
(define (twice x) (+ x x))
(display (sub3 (note 10) (note 2) (note 3)))
(newline)
(display (reverse trace))
(newline)
(let ((a 1))
  (display (list (inc! a) (inc! a) a)))
(newline)
; The argument is evaluated once even though the body reads it twice.
(set! trace '())
(display (twice (note 21)))
(display trace)
(newline)
; A callee's own local bindings are fresh at each inlined use.
(define (swap-pair p) (let ((a (car p)) (b (cdr p))) (cons b a)))
(display (list (swap-pair (cons 1 2)) (swap-pair (swap-pair (cons 3 4)))))
(newline)
