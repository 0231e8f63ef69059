;; case-lambda: the first clause whose formals accept the argument count runs.
(define area
  (case-lambda
    ((r) (* 3 r r))
    ((w h) (* w h))
    ((a b c) (+ a b c))))
(display (list (area 2) (area 3 4) (area 1 2 3))) (newline)
(define f
  (case-lambda
    (() 'zero)
    ((a) (list 'one a))
    ((a b . rest) (list 'two+ a b rest))))
(display (list (f) (f 1) (f 1 2) (f 1 2 3 4))) (newline)
(define g (case-lambda (args (list 'all args))))
(display (list (g) (g 1 2))) (newline)
(define h (case-lambda ((a . r) (list 'rest-first a r)) ((a b) 'never)))
(display (h 1 2)) (newline)
(define (make-counter)
  (let ((n 0))
    (case-lambda
      (() n)
      ((k) (set! n (+ n k)) n))))
(define c (make-counter))
(c 5) (c 2)
(display (c)) (newline)
(define add
  (case-lambda
    (() 0)
    ((x) x)
    ((x . more) (+ x (apply add more)))))
(display (add 1 2 3 4 5)) (newline)
(display (map (case-lambda ((x) (* x x)) ((x y) (* x y))) '(1 2 3))) (newline)
(display (map (case-lambda ((x) (* x x)) ((x y) (* x y))) '(1 2 3) '(4 5 6))) (newline)
(let ((lambda 1) (cons 2))
  (display ((case-lambda ((x) (+ x lambda cons))) 3)) (newline))
