; Accessors inlined into an accessor that is inlined in turn: a backtrace
; still shows each procedure as a frame of its own, innermost first, each
; stopped at its call of the next (data in mref in the loop of trace).
(define (data m) (vector-ref m 2))
(define (cols m) (vector-ref m 1))
(define (mref m i j) (vector-ref (data m) (+ (* i (cols m)) j)))
(define (trace m n)
  (let loop ((i 0) (s 0))
    (if (= i n) s (loop (+ i 1) (+ s (mref m i i))))))
(display (trace (vector 2 2 (vector 1 2 3 4)) 2))
(newline)
(display (trace (vector 2 2) 2))
(display "never printed")
