; hand-written .out: R7RS (scheme process-context), from the standard's text
; (the program runs with arguments `one two` and CLOSC_R7RS_VAR set).
(import (scheme base) (scheme write) (scheme process-context))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))

;; command-line: a list of strings, the program's name first.
(show (list? (command-line)) (string? (car (command-line))) (cdr (command-line)))

;; get-environment-variable: a string, or #f when unset.
(show (get-environment-variable "CLOSC_R7RS_VAR"))
(show (get-environment-variable "CLOSC_R7RS_SURELY_UNSET"))
(show (get-environment-variable "CLOSC_R7RS_EMPTY"))

;; get-environment-variables: an alist of strings.
(define env (get-environment-variables))
(show (list? env)
      (let loop ((l env))
        (or (null? l)
            (and (pair? (car l)) (string? (car (car l))) (string? (cdr (car l)))
                 (loop (cdr l))))))
(show (assoc "CLOSC_R7RS_VAR" env) (assoc "CLOSC_R7RS_SURELY_UNSET" env))

(show (guard (c ((error-object? c) (error-object-message c)))
        (get-environment-variable 'HOME)))
(show (guard (c ((error-object? c) (error-object-message c)))
        (exit 1 2)))
(display "still running")
(newline)
