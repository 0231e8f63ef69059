;; Vector patterns and templates, with ellipses inside.
(define-syntax vsum
  (syntax-rules ()
    ((_ #(a ...)) (+ a ...))))
(display (vsum #(1 2 3 4))) (newline)
(display (vsum #())) (newline)
(define-syntax vswap
  (syntax-rules ()
    ((_ #(a b)) '#(b a))
    ((_ #(a b c ...)) '#(c ... b a))))
(display (vswap #(1 2))) (newline)
(display (vswap #(1 2 3 4 5))) (newline)
(define-syntax vlast
  (syntax-rules ()
    ((_ #(x ... y)) 'y)))
(display (vlast #(p q r))) (newline)
(define-syntax vec-of-lists
  (syntax-rules ()
    ((_ (a b ...) ...) (vector (list 'a (+ b ...)) ...))))
(display (vec-of-lists (x 1 2) (y) (z 3))) (newline)
(define-syntax is-vec
  (syntax-rules ()
    ((_ #(x ...)) 'vector)
    ((_ (x ...)) 'list)
    ((_ x) 'other)))
(display (list (is-vec #(1)) (is-vec (1)) (is-vec 1))) (newline)
