; Small procedures are inlined into their callers, but a backtrace still
; shows each as a frame of its own, stopped where it was: second-of is
; copied into use-it, and use-it into the top level.
(define (second-of lst)
  (car (cdr lst)))
(define (use-it lst)
  (+ 1 (second-of lst)))
(display (use-it (list 1 2)))
(newline)
(display (use-it (list 1)))
