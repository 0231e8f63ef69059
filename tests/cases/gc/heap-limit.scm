; Keeps everything live under CLOSC_HEAP_MAX=64M: a clean out-of-memory error.
(display "start")
(newline)
(define (grow acc) (grow (cons (make-vector 10 acc) acc)))
(grow '())
