; A deep chain of closures: compose 100 closures built in a loop.
(define (compose2 f g) (lambda (x) (f (g x))))

(define chain
  (do ((i 1 (+ i 1))
       (f (lambda (x) x) (compose2 (let ((k i)) (lambda (x) (+ x k))) f)))
      ((> i 100) f)))
(display (chain 0)) (newline)

; 100 doublings modulo a prime, in reverse order of construction
(define (build n)
  (let loop ((i 0) (f (lambda (x) x)))
    (if (= i n)
        f
        (loop (+ i 1) (compose2 (lambda (x) (remainder (* x 2) 1000003)) f)))))
(display ((build 100) 1)) (newline)

; a list of 100 closures, folded into one composition
(define (make-list-of-closures n)
  (let loop ((i n) (acc '()))
    (if (= i 0) acc (loop (- i 1) (cons (lambda (x) (cons i x)) acc)))))
(define big (let loop ((fs (make-list-of-closures 100)) (acc (lambda (x) x)))
              (if (null? fs) acc (loop (cdr fs) (compose2 (car fs) acc)))))
(define result (big '()))
(display (length result)) (newline)
(display (list-tail result 95)) (newline)
