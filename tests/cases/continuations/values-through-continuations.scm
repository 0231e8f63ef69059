; Multiple values delivered through continuations.
(call-with-values
  (lambda () (call/cc (lambda (k) (k 1 2 3))))
  (lambda (a b c) (display (list a b c)) (newline)))
(call-with-values
  (lambda () (call/cc (lambda (k) (values 4 5))))
  (lambda args (display args) (newline)))
(call-with-values
  (lambda () (call/cc (lambda (k) (k))))
  (lambda args (display args) (newline)))
(define (main)
(define saved #f)
(define times 0)
(call-with-values
  (lambda () (call/cc (lambda (k) (set! saved k) (values 'a 'b))))
  (lambda (x y) (display (list x y)) (newline)))
(set! times (+ times 1))
(if (< times 3) (saved times (* times 100)))
(display (+ 1 (call/cc (lambda (k) (k 41)))))
(newline)
(let-values (((q r) (call/cc (lambda (k) (k 7 8)))))
  (display (* q r)) (newline)))
(main)
