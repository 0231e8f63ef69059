(define (f x)
  (+ x undefined-thing))

(define (g y)
  (if))

(display (f 1 2))
(let ((unused 5)) (car 1 2))
(h 3)
