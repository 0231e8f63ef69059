; A guard with no matching clause re-raises with raise-continuable in the
; original handler context: an outer with-exception-handler's return value
; becomes the value of the raise-continuable.
(display
 (with-exception-handler
  (lambda (c) (* c 10))
  (lambda ()
    (+ 1 (guard (e ((string? e) 'string))
           (raise-continuable 4))))))
(newline)
(define log '())
(display
 (guard (e (#t (set! log (cons (list 'outer e) log)) 'done))
   (guard (e ((string? e) 'inner))
     (dynamic-wind
      (lambda () (set! log (cons 'in log)))
      (lambda () (raise 'boom))
      (lambda () (set! log (cons 'out log)))))))
(newline)
(display (reverse log))
(newline)
