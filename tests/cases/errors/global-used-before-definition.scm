; A global defined later in the file is still unbound when code runs before
; its definition: a runtime error naming it (not a crash, not a silent call).
(define (f) (g 1))
(display "before")
(newline)
(f)
(define (g x) x)
