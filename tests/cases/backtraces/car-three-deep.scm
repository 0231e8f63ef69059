; An uncaught (car '()) three non-tail calls deep: the message, the position
; of the car call, and the three procedures, innermost first.
(define (first-of lst)
  (car lst))
(define (middle lst)
  (+ 1 (first-of lst)))
(define (outer lst)
  (* 2 (middle lst)))
(display "before")
(newline)
(display (outer '()))
(display "never printed")
