;; A modifier on a fixnum (no heap object at all).
(define-record-type point (make-point x y) point? (x point-x set-point-x!) (y point-y))
(define p (make-point 1 2))
(set-point-x! p 10)
(display (point-x p))
(newline)
(set-point-x! 42 3)
