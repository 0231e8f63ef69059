; R7RS 5.5: field names of a record type are distinct.
(define-record-type point (make-point x y) point?
  (x point-x)
  (y point-y)
  (x point-x2))
