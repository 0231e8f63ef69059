; define-record-type in a body; each evaluation makes a distinct type.
(define (make-type-and-instance v)
  (define-record-type cell (make-cell v) cell? (v cell-v set-cell-v!))
  (let ((c (make-cell v)))
    (set-cell-v! c (* 2 (cell-v c)))
    (list c cell? cell-v)))

(define a (make-type-and-instance 21))
(define b (make-type-and-instance 5))
(write (car a)) (newline)
(write ((caddr a) (car a))) (newline)
(write (list ((cadr a) (car a)) ((cadr a) (car b)) ((cadr b) (car b)))) (newline)

(let ()
  (define x 1)
  (begin
    (define-record-type pt (mk-pt x y) pt? (x pt-x) (y pt-y)))
  (define p (mk-pt x 2))
  (write (list (pt-x p) (pt-y p) (pt? p))) (newline))
