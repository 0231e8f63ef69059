; Plenty of valid code (with output) before a malformed form: closc rejects
; the whole program before running anything, so nothing is printed.
(define (square x) (* x x))
(display (square 4))
(newline)
(for-each (lambda (x) (display x)) '(1 2 3))
(newline)
(define (broken y)
  (let ((y))
    y))
(display "never printed")
