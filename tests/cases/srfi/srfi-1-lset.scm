(import (scheme base) (scheme char) (scheme write) (scheme cxr) (scheme inexact) (scheme complex) (scheme case-lambda) (scheme lazy) (scheme process-context) (srfi 1))
;; SRFI 1: lists as sets. Where the SRFI leaves the order of a result open,
;; the result is compared with lset= as well as printed.
(define-syntax t
  (syntax-rules ()
    ((_ e) (begin (write e) (newline)))))
(define-syntax t2
  (syntax-rules ()
    ((_ e) (t (call-with-values (lambda () e) list)))))

(t (lset<= eq? '(a) '(a b a) '(a b c c)))
(t (lset<= eq?))
(t (lset<= eq? '(a)))
(t (lset<= eqv? '(1 2 3) '(1)))
(t (lset<= eqv? '(1 3 2) '(4 3 1 2)))
(t (lset<= = '() '(1)))
(t (lset= eq? '(b e a) '(a e b) '(e e b a)))
(t (lset= eq?))
(t (lset= eq? '(a)))
(t (lset= eq? '(a b) '(a b c)))
(t (lset= eq? '(a b c) '(a b)))
;; The predicate gets an element of the earlier list first.
(t (lset<= (lambda (x y) (= x (* 10 y))) '(10 20) '(1 2 3)))
(t (lset= (lambda (x y) (= x (* 10 y))) '(10 20) '(1 2)))

(t (lset-adjoin eq? '(a b c d c e) 'a 'e 'i 'o 'u))
(t (lset-adjoin eq? '(a) 'b 'b))
(t (lset-adjoin eq? '()))

(t (lset-union eq? '(a b c d e) '(a e i o u)))
(t (lset-union eq? '(a a c) '(x a x)))
(t (lset-union eq?))
(t (lset-union eq? '(a b c)))
(t (lset-union eq? '() '(a b)))
(t (lset-union eq? '(a) '(b) '(c a)))
(t (lset-union! eq? (list 'a 'b 'c 'd 'e) (list 'a 'e 'i 'o 'u)))

(t (lset-intersection eq? '(a b c d e) '(a e i o u)))
(t (lset-intersection eq? '(a x y a) '(x a x z)))
(t (lset-intersection eq? '(a b c)))
(t (lset-intersection eq? '(a b c) '(b c d) '(c d e)))
(t (lset-intersection eq? '(a b) '()))
(t (lset-intersection! eq? (list 'a 'b 'c 'd 'e) (list 'a 'e 'i 'o 'u)))

(t (lset-difference eq? '(a b c d e) '(a e i o u)))
(t (lset-difference eq? '(a b c)))
(t (lset-difference eq? '(a b c d) '(a) '(d)))
(t (lset-difference! eq? (list 'a 'b 'c 'd 'e) (list 'a 'e 'i 'o 'u)))

(define xor (lset-xor eq? '(a b c d e) '(a e i o u)))
(t (lset= eq? xor '(d c b i o u)))
(t (length xor))
(t (lset-xor eq?))
(t (lset-xor eq? '(a b)))
(t (lset= eq? (lset-xor eq? '(a b) '(b c) '(c d)) '(a d)))
(t (lset= eq? (lset-xor! eq? (list 'a 'b 'c 'd 'e) (list 'a 'e 'i 'o 'u)) '(d c b i o u)))

(t2 (lset-diff+intersection eq? '(a b c d e) '(a e i o u)))
(t2 (lset-diff+intersection eq? '(a b c) '(x) '(c)))
(t2 (lset-diff+intersection eq? '(a b c)))
(t2 (lset-diff+intersection! eq? (list 'a 'b 'c 'd 'e) (list 'a 'e 'i 'o 'u)))
