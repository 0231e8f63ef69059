; hand-written .out: the caught error's message is closc's (R7RS leaves it unspecified).
; An error in a tail call is an ordinary raised error: guard catches it and
; the program goes on; a handler that escapes through a continuation works;
; a handler that returns gets the secondary error, at the tail call.
(define (f x) (x 1))
(define (g x) (f x))
(display (guard (e ((error-object? e)
                    (list 'caught (error-object-message e) (error-object-irritants e))))
  (g 5)))
(newline)
(display (call-with-current-continuation
          (lambda (k)
            (with-exception-handler (lambda (e) (k 'escaped)) (lambda () (g 5))))))
(newline)
(with-exception-handler (lambda (e) 42) (lambda () (g 5)))
