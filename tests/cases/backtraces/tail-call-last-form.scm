; The program's last form calling a procedure that calls a non-procedure in
; tail position: both frames are in the backtrace.
(define (f x) (x 1))
(display "before")
(newline)
(f 5)
