; A closure capturing another closure, and wrappers around closures.
(define (make-counter)
  (let ((n 0)) (lambda () (set! n (+ n 1)) n)))

(define (make-doubling-view counter)
  (lambda () (* 2 (counter))))

(define c (make-counter))
(define view (make-doubling-view c))
(display (view)) (newline)
(display (view)) (newline)
(display (c)) (newline)
(display (view)) (newline)

; tracing wrapper that counts calls of the wrapped closure
(define (traced f)
  (let ((calls 0))
    (lambda (msg . args)
      (if (eq? msg 'calls)
          calls
          (begin (set! calls (+ calls 1))
                 (apply f args))))))
(define tsq (traced (lambda (x) (* x x))))
(display (tsq 'call 3)) (newline)
(display (tsq 'call 4)) (newline)
(display (tsq 'calls)) (newline)

; closure chain: each wrapper captures the previous closure
(define (wrap f tag) (lambda (x) (cons tag (f x))))
(define w (wrap (wrap (wrap (lambda (x) (list x)) 'c) 'b) 'a))
(display (w 'x)) (newline)
