;;; bigvec: make and copy big vectors through procedures. Each round makes a
;;; 2*10^5-element vector with a fill, copies it with vector-copy, rebuilds it
;;; through a list (list->vector of vector->list) every tenth round, and keeps
;;; only a number from each.
(define (fresh n k) (make-vector n k))
(define (copy v) (vector-copy v))
(define (via-list v) (list->vector (vector->list v)))
(define (touch! v i x) (vector-set! v i x) v)
(define (run k acc)
  (if (= k 0)
      acc
      (let* ((v (fresh 200000 k))
             (w (touch! (copy v) 7 (+ k 1)))
             (u (if (= 0 (remainder k 10)) (via-list w) w)))
        (run (- k 1) (+ acc (vector-ref u 7) (vector-ref v 199999) (vector-length u))))))
(display (run 3000 0))
(newline)
