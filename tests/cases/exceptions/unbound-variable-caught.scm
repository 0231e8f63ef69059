; hand-written .out: closc's error object for an unbound variable has the
; message "unbound variable" and the name as its irritant (Chez's condition
; differs); R7RS makes it an error only when evaluated, so guard catches it.
(define (report thunk)
  (display
   (guard (e ((error-object? e)
              (list (error-object-message e) (error-object-irritants e))))
     (thunk)))
  (newline))
(report (lambda () nowhere))
(report (lambda () (undefined-procedure 1 2)))
; set! of an unbound variable raises the same error (the value is computed first)
(report (lambda () (set! also-nowhere (begin (display "value ") 5))))
; a call whose operator is unbound: the arguments need not be evaluated first
(report (lambda () (car (missing-list))))
; a handler that returns normally, via with-exception-handler and raise-continuable
(display
 (call-with-current-continuation
  (lambda (k)
    (with-exception-handler
     (lambda (e) (k (symbol? (car (error-object-irritants e)))))
     (lambda () (+ 1 not-here))))))
(newline)
; after the error, the program goes on and the name stays unbound
(report (lambda () nowhere))
(display "done")
(newline)
