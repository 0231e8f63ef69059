; Unknown tail calls of a procedure with a rest parameter stay proper tail
; calls (the slow path that makes the rest list is still tail-called): a
; million of them run in a 16 MiB stack.
(define (count-down n . acc)
  (if (= n 0)
      (length acc)
      (step (- n 1) n)))
(define step #f)
(set! step count-down)
(display (step 1000000))
(newline)
