; A handler returning from a non-continuable raise is a secondary error.
(with-exception-handler (lambda (e) 'ignored) (lambda () (raise 'first)))
(display "not reached")
