; hand-written .out: a compile error (Chez 9.5 has no syntax-error); R7RS
; 4.3.3: syntax-error reports its message and irritants where the macro is used.
(define-syntax must-be-pair
  (syntax-rules ()
    ((_ (a . b)) 'a-pair)
    ((_ x) (syntax-error "must-be-pair: expected a pair, got" x))))
(display (must-be-pair (1 . 2)))
(newline)
(define (f)
  (must-be-pair 42))
