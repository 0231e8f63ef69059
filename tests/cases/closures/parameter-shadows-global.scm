; A parameter with the same name as a global shadows it inside the body.
(define n 1000)
(define count 0)

(define (f n) (+ n 1))
(define (make-getter count) (lambda () count))

(display (f 5)) (newline)
(display n) (newline)
(define g (make-getter 42))
(set! count 7)
(display (g)) (newline)
(display count) (newline)

(define (uses-global) n)
(define (shadow n) (list n (uses-global)))
(display (shadow 1)) (newline)
