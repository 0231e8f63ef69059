; apply to a procedure with required and rest parameters: the required
; arguments taken from the list must survive the collection that copying the
; rest list may cause.
(define (f a b . rest) (list a b rest))
(define (go n acc)
  (if (= n 0)
      acc
      (go (- n 1) (apply f (list (list n) (vector n) n (* n 2))))))
(write (go 100000 #f))
(newline)
