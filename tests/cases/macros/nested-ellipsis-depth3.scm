;; Ellipsis depth 3 and ellipses followed by more patterns at each level.
(define-syntax flat3
  (syntax-rules ()
    ((_ ((a ...) ...) ...) '(a ... ... ...))))
(display (flat3 ((1 2) (3)) ((4) () (5 6)))) (newline)
(define-syntax deep
  (syntax-rules ()
    ((_ (k (x y ...) ...) ...) '((k (y ... x) ...) ...))))
(display (deep (p (1 2 3) (4)) (q) (r (5 6)))) (newline)
(define-syntax sums
  (syntax-rules ()
    ((_ (n ...) ...) (list (+ n ...) ...))))
(display (sums (1 2 3) () (10 20))) (newline)
(define-syntax with-last
  (syntax-rules ()
    ((_ (a ... z) ...) '((z a ...) ...))))
(display (with-last (1 2 3) (4) (5 6))) (newline)
(define-syntax pairs-with
  (syntax-rules ()
    ((_ k (v ...)) '((k v) ...))))
(display (pairs-with key (1 2 3))) (newline)
