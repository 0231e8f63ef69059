; raise-continuable: the handler's value is the value of the raise.
(display (with-exception-handler
          (lambda (c) 42)
          (lambda () (+ (raise-continuable 'c) 23))))
(newline)
(define (safe-div a b)
  (if (= b 0) (raise-continuable (list 'div-by-zero a)) (/ a b)))
(display (with-exception-handler
          (lambda (c) 0)
          (lambda () (map (lambda (b) (safe-div 12 b)) '(1 2 0 3)))))
(newline)
(define count 0)
(display (with-exception-handler
          (lambda (c) (set! count (+ count 1)) count)
          (lambda () (list (raise-continuable 'a) (raise-continuable 'b)))))
(newline)
