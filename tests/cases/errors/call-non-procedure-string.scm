; Calling a string returned by a procedure.
(define (get-handler kind) (if (eq? kind 'good) (lambda () 'handled) "oops"))
(display ((get-handler 'good))) (newline)
((get-handler 'bad))
