; Unbounded recursion that captures a continuation at every level still ends
; with the stack-overflow error.
(define (f n) (+ 1 (call/cc (lambda (k) (f (+ n 1))))))
(display "start")
(newline)
(f 0)
