(import (scheme base) (scheme char) (scheme write) (scheme cxr) (scheme inexact) (scheme complex) (scheme case-lambda) (scheme lazy) (scheme process-context) (srfi 8))
;; SRFI 8: receive with each kind of formals.
(define-syntax t
  (syntax-rules ()
    ((_ e) (begin (write e) (newline)))))
(t (receive (a b c) (values 1 2 3) (list c b a)))
(t (receive (a . rest) (values 1 2 3) (list a rest)))
(t (receive all (values 1 2 3) all))
(t (receive all (values) all))
(t (receive (a) 42 a))
(t (receive () (values) 'none))
(t (receive (q r) (floor/ 17 5) (list q r)))
;; The SRFI's example.
(t (receive (a . rest) (values 1 2 3) (define s (apply + rest)) (list a s)))
(t (let ((a 'outer)) (receive (a b) (values 'inner a) (list a b))))
(t (call-with-current-continuation
    (lambda (k) (receive (x y) (values 1 2) (k (+ x y)) 'not-here))))
(receive (a b) (values 1 2 3) (t 'unreachable))
