;;; tak: the Takeuchi function over a cycle of argument triples (non-tail calls with three arguments, fixnum compare/subtract).
(define (tak x y z)
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))))

(define (run rounds)
  (let loop ((i 0) (total 0))
    (if (= i rounds)
        total
        (loop (+ i 1)
              (+ total (tak (+ 21 (modulo i 4)) (+ 15 (modulo i 2)) 8))))))

(display (run 240))
(newline)
