(define-record-type point (make-point x y) point? (x point-x) (y point-y))
(display (point-y (make-point 1 2))) (newline)
(point-y 5)
