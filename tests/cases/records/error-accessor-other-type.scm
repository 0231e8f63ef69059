;; A record of another type with the same fields is not an instance.
(define-record-type point (make-point x y) point? (x point-x) (y point-y))
(define-record-type twin (make-twin x y) twin? (x twin-x) (y twin-y))
(display (twin-x (make-twin 1 2)))
(newline)
(point-x (make-twin 1 2))
