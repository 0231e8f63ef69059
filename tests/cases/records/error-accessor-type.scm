; An accessor applied to a record of another type.
(define-record-type point (make-point x y) point? (x point-x) (y point-y))
(define-record-type circle (make-circle r) circle? (r circle-r))
(display "before") (newline)
(point-x (make-circle 5))
(display "after") (newline)
