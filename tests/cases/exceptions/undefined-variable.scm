; hand-written .out: using a global before its definition raises a
; catchable error naming the variable (closc's message).
(define (use-later) later)
(display (guard (e ((error-object? e) (error-object-message e))) (use-later)))
(newline)
(define later 5)
(display (use-later))
(newline)
