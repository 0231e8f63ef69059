; A frame of an anonymous procedure is named by where its lambda is.
(define (apply-to f x)
  (list (f x)))
(apply-to (lambda (y) (+ y 'a)) 1)
