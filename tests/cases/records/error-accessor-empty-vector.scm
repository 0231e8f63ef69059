;; An empty vector has no word after its header: the inline accessor must
;; test the kind before it reads the record type.
(define-record-type point (make-point x y) point? (x point-x) (y point-y))
(define (get p) (point-y p))
(display (get (make-point 1 2)))
(newline)
(get (vector))
