; define-record-type: constructor, predicate, accessors, modifiers, printing.
(define-record-type point
  (make-point x y)
  point?
  (x point-x set-point-x!)
  (y point-y set-point-y!))

(define p (make-point 3 4))
(write (list (point-x p) (point-y p))) (newline)
(write (point? p)) (newline)
(write (map point? (list 1 "s" 'p (vector 1 2) (list p) p))) (newline)
(set-point-x! p 10)
(set-point-y! p (+ (point-y p) 1))
(write (list (point-x p) (point-y p))) (newline)
(write p) (newline)
(display (make-point "a" #\b)) (newline)
(write (make-point "a" #\b)) (newline)
(write (list p (make-point '(1 2) (vector 'v)))) (newline)
(write (procedure? make-point)) (newline)
(write (procedure? point-x)) (newline)
