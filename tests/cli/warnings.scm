(define (f x) x)
(define (g) (let ((unused 5) (_ok 1)) (f 1 2)))
(define (h) (let loop ((i 0)) (if (< i 3) (loop (+ i 1) 2) (car 1 2))))
(display "ok")
