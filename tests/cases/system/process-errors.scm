; hand-written .out: (closc process), from lib/closc/process.sld's text.
;; A program that cannot be started is a file error naming it: missing, not
;; executable (permission denied), a directory; bad arguments are errors.
(import (scheme base) (scheme write) (scheme file) (closc process)
        (only (closc os) os-wait-process))

(define (show . xs)
  (for-each (lambda (x) (write x) (display " ")) xs)
  (newline))

(define (outcome thunk)
  (guard (e ((file-error? e) (list 'file-error (error-object-message e)
                                   (error-object-irritants e)))
            ((error-object? e) (list 'error (error-object-message e)
                                     (error-object-irritants e))))
    (thunk)
    'no-error))

(show (outcome (lambda () (run-process "no-such-program-closc-test" '()))))
(show (outcome (lambda () (run-process "/no/such/dir/program" '("x")))))

;; A file without execute permission, in a directory of this run's own.
(define dir (string-append "/tmp/closc-process-errors-"
                           (number->string (current-process-id))))
(system (string-append "mkdir " dir))
(define script (string-append dir "/script"))
(with-output-to-file script (lambda () (display "#!/bin/sh\necho ran\n")))
(define denied (outcome (lambda () (run-process script '()))))
(show (car denied) (cadr denied) (equal? (list-ref denied 2) (list script)))
;; Made executable, it runs.
(system (string-append "chmod 755 " script))
(define p (run-process script '()))
(show (read-line (process-output-port p)) (process-wait p))
(define not-a-program (outcome (lambda () (run-process dir '()))))
(show (car not-a-program) (cadr not-a-program))
(delete-file script)
(system (string-append "rmdir " dir))

(show (outcome (lambda () (run-process 'echo '()))))
(show (outcome (lambda () (run-process "echo" "hi"))))
(show (outcome (lambda () (run-process "echo" '("a" . "b")))))
(show (outcome (lambda () (run-process "echo" '("a" 5)))))
(show (outcome (lambda () (process-wait 5))))
(show (outcome (lambda () (os-wait-process 1))))
