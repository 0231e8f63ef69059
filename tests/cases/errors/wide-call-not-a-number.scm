; A wide + (more operands than an inline arithmetic tree takes) is a call of
; the builtin, which reports a non-number with its position.
(define x 1)
(display (+ x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x))
(newline)
(display (+ x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x 'x x x))
