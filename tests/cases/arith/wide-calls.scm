; Calls of + - * with more operands than one inline arithmetic tree takes,
; and trees nested past that many leaves: same results as narrow ones, on
; fixnums, through fixnum overflow into bignums, with flonums and ratios.
(define (ones) 1)
(define x 7)
(display (+ x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x))
(newline)
(display (- 1000 x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x))
(newline)
(display (* 2 x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x))
(newline)
(display (+ x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x 0.5 x x x x x))
(newline)
(display (+ x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x 1/3 x x x x x))
(newline)
(define big 4611686018427387903)
(display (+ big big big big big big big big big big big big big big big big big big big big
            big big big big big big big big big big big big big big big big big big big big))
(newline)
; Nested: 48 leaves in one expression tree.
(display (+ (* x (+ x (ones)) (- x 2)) (+ x x x x x x x x x x x x x x x x)
            (- (+ x x x x x x x x x x x x x x x x) (* x x x x x x x x x x x x x x x x))))
(newline)
(define (wide-sum a b c) (+ a b c a b c a b c a b c a b c a b c a b c a b c a b c a b c a b c a b c a b c))
(display (list (wide-sum 1 2 3) (wide-sum 1.5 2 3) (wide-sum big big big)))
(newline)
