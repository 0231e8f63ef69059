; Each constructor argument names a distinct field.
(define-record-type point (make-point x x) point?
  (x point-x))
