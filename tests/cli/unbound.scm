(define (never-called) (helper-that-does-not-exist 1))
(define (assign) (set! nowhere 1))
(display "runs")
