; Adding or subtracting a literal checks overflow by comparing the result
; with the operand: results just past the fixnum range become bignums.
(define big (- (expt 2 62) 1))
(define small (- (expt 2 62)))
(display (list (+ big 1) (- small 1) (+ 1 big) (- big -1) (+ small -1) (- small 3) (+ big 5) (+ 5 small)))
(newline)
(define (f x) (list (+ x 1) (- x 1) (+ x -7) (- x -7) (+ 3 x)))
(display (f (- (expt 2 62) 2))) (newline)
(display (f (- 1 (expt 2 62)))) (newline)
(display (f 1.5)) (newline)
(display (f 10)) (newline)
