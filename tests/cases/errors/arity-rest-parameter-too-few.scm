; A procedure with two required parameters and a rest parameter, given one argument.
(define (at-least-two a b . more) (list a b more))
(display (at-least-two 1 2 3 4)) (newline)
(display (at-least-two 1))
