; Calling a non-procedure in tail position: the frame of the procedure that
; made the call is still there when the error is raised, so the error has the
; call's position and the backtrace its callers (issue 21, row 15).
(define (call-with-one f)
  (f 1))
(define (use x)
  (+ 1 (call-with-one x)))
(display (use (lambda (n) (* n 10))))
(newline)
(use 5)
