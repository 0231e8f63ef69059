; A backtrace deeper than 20 frames shows the 10 innermost and the 10
; outermost, and says how many it left out.
(define (count-down n)
  (if (= n 0)
      (vector-ref (vector 1 2) 5)
      (+ 1 (count-down (- n 1)))))
(define (go)
  (list (count-down 100)))
(go)
