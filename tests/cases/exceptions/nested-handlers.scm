; Nested with-exception-handler: a handler runs with the outer handlers
; installed, so raising inside a handler goes outward.
(define trace '())
(define (note x) (set! trace (cons x trace)))
(display
 (call/cc
  (lambda (k)
    (with-exception-handler
     (lambda (e) (note (list 'outer e)) (k 'escaped))
     (lambda ()
       (with-exception-handler
        (lambda (e) (note (list 'inner e)) (raise (list 'wrapped e)))
        (lambda () (raise 'first))))))))
(newline)
(display (reverse trace))
(newline)
(display
 (with-exception-handler
  (lambda (e) 1)
  (lambda ()
    (with-exception-handler
     (lambda (e) (+ 10 (raise-continuable (+ e 1))))
     (lambda () (+ 100 (raise-continuable 5)))))))
(newline)
