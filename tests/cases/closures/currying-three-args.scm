; Manually curried procedures of three arguments, partially applied step by step.
(define (curry3 f)
  (lambda (a) (lambda (b) (lambda (c) (f a b c)))))

(define vol (curry3 (lambda (l w h) (* l w h))))
(define base-2 (vol 2))
(define base-2x3 (base-2 3))
(display (base-2x3 4)) (newline)
(display (base-2x3 10)) (newline)
(display (((vol 1) 1) 1)) (newline)
(display ((base-2 5) 5)) (newline)

(define make-triple (curry3 list))
(display (((make-triple 'x) 'y) 'z)) (newline)
(define with-x (make-triple 'x))
(display (map (lambda (b) ((with-x b) 'end)) '(1 2 3))) (newline)

(define (uncurry3 g) (lambda (a b c) (((g a) b) c)))
(display ((uncurry3 (curry3 -)) 100 20 3)) (newline)
