; hand-written .out: using a global before its definition raises a
; catchable error naming the variable (closc's message "unbound variable",
; the name as its irritant).
(define (use-later) later)
(display (guard (e ((error-object? e)
                    (list (error-object-message e) (error-object-irritants e))))
           (use-later)))
(newline)
(define later 5)
(display (use-later))
(newline)
