; Lazy streams: the tail is a thunk, memoised by hand with set!.
(define (make-promise thunk)
  (let ((done #f) (value #f))
    (lambda ()
      (if done
          value
          (let ((v (thunk)))
            (if done
                value
                (begin (set! done #t) (set! value v) v)))))))

(define evaluations 0)

(define (stream-cons-fn head tail-thunk) (cons head (make-promise tail-thunk)))
(define (stream-car s) (car s))
(define (stream-cdr s) ((cdr s)))

(define (integers-from n)
  (stream-cons-fn n (lambda ()
                      (set! evaluations (+ evaluations 1))
                      (integers-from (+ n 1)))))

(define (stream-take s k)
  (if (= k 0) '() (cons (stream-car s) (stream-take (stream-cdr s) (- k 1)))))

(define (stream-filter pred s)
  (if (pred (stream-car s))
      (stream-cons-fn (stream-car s) (lambda () (stream-filter pred (stream-cdr s))))
      (stream-filter pred (stream-cdr s))))

(define (stream-map f s)
  (stream-cons-fn (f (stream-car s)) (lambda () (stream-map f (stream-cdr s)))))

(define nats (integers-from 0))
(display (stream-take nats 10)) (newline)
(display evaluations) (newline)
; taking again does not re-evaluate the memoised tails
(display (stream-take nats 10)) (newline)
(display evaluations) (newline)
(display (stream-take nats 12)) (newline)
(display evaluations) (newline)

(define (sieve s)
  (let ((p (stream-car s)))
    (stream-cons-fn p (lambda ()
                        (sieve (stream-filter (lambda (x) (not (= 0 (remainder x p))))
                                              (stream-cdr s)))))))
(display (stream-take (sieve (integers-from 2)) 15)) (newline)
(display (stream-take (stream-map (lambda (x) (* x x)) (integers-from 1)) 8)) (newline)
