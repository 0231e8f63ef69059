; hand-written .out: Chez grows its stack until memory runs out.
; Unbounded non-tail recursion: a clean error with a short backtrace.
(define (runaway n)
  (+ 1 (runaway (+ n 1))))
(display "before")
(newline)
(runaway 0)
