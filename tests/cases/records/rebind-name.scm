; The procedures keep working when the type's name is later rebound.
(define-record-type point (make-point x y) point? (x point-x) (y point-y))
(define p (make-point 1 2))
(define point 'not-a-type)
(write (list (point-x p) (point-y (make-point 3 4)) (point? p) point)) (newline)
