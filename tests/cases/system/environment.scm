; hand-written .out: (closc process), from lib/closc/process.sld's text.
;; current-process-id, get-environment-variable(s), set-/unset-environment-variable!:
;; for this program and the programs it starts.
(import (scheme base) (scheme write) (closc process))

(define (show . xs)
  (for-each (lambda (x) (write x) (display " ")) xs)
  (newline))

(define (child-output program args)
  (let* ((p (run-process program args))
         (line (read-line (process-output-port p))))
    (process-wait p)
    line))

;; The child's parent is this program.
(show (= (current-process-id)
         (string->number (child-output "sh" '("-c" "echo $PPID")))))

(define name (string-append "CLOSC_TEST_VAR_" (number->string (current-process-id))))
(show (get-environment-variable name))
(set-environment-variable! name "hello world")
(show (get-environment-variable name))
(show (equal? (assoc name (get-environment-variables)) (cons name "hello world")))
(show (child-output "sh" '("-c" "echo \"[$CLOSC_FROM_FILE]\"")))
(show (child-output "printenv" (list name)))
(set-environment-variable! name "")
(show (get-environment-variable name))
(unset-environment-variable! name)
(show (get-environment-variable name) (assoc name (get-environment-variables)))
(show (child-output "sh" (list "-c" (string-append "echo \"[${" name "-unset}]\""))))
;; Unsetting what is not set does nothing.
(unset-environment-variable! name)
(show (get-environment-variable "CLOSC_FROM_FILE"))

(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
    (thunk)))
(show (message (lambda () (set-environment-variable! "" "x"))))
(show (message (lambda () (set-environment-variable! "A=B" "x"))))
(show (message (lambda () (set-environment-variable! 'a "x"))))
(show (message (lambda () (set-environment-variable! "A" 5))))
(show (message (lambda () (unset-environment-variable! "A=B"))))
