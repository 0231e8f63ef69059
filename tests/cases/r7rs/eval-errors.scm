; hand-written .out: R7RS 6.12 errors (Chez 9.5 lacks R7RS environments)
(import (scheme base) (scheme write) (scheme eval) (scheme repl) (scheme r5rs))

(define (show . xs) (for-each display xs) (newline))

;; Every failure is an error object a guard catches; its message names
;; the procedure and the problem.
(define-syntax catch
  (syntax-rules ()
    ((_ expr)
     (guard (e ((error-object? e)
                (show (error-object-message e) " / " (error-object-irritants e)))
               (#t (show "raised: " e)))
       expr
       (show "no error")))))

(define base (environment '(scheme base)))

;; "(eval '(define foo 32) (environment '(scheme base))) => error is signaled":
;; the environment and its bindings are immutable.
(catch (eval '(define foo 32) base))
(catch (eval '(begin (define a 1) (define b 2)) base))
(catch (eval '(set! car cdr) base))
(show (eval '(car '(still car)) base))

;; Syntax errors, with their position in the evaluated datum.
(catch (eval '(if) base))
(catch (eval '(let ((x)) x) base))
(catch (eval '(lambda) base))
(catch (eval '(quote 1 2) base))
(catch (eval '(list 1 (if)) base))

;; An unbound variable is an error when evaluated, with its name.
(catch (eval 'no-such-variable base))
(catch (eval '(begin (car '(1)) (undefined-procedure 1)) base))
(show (eval '(if #f (never-defined) 'unreached-is-fine) base))
;; A name the environment does not import is unbound there.
(catch (eval '(display "x") base))
(catch (eval '(car '(1)) (environment '(scheme write))))
(catch (eval '(car '(1)) (null-environment 5)))

;; Errors raised by the evaluated code reach the caller's handlers.
(catch (eval '(car '()) base))
(catch (eval '(error "from eval" 1 2) base))
(catch (eval '(vector-ref (vector 1) 5) base))
(show (with-exception-handler
        (lambda (e) 10)
        (lambda () (+ 1 (eval '(raise-continuable 'c) base)))))
(show (call-with-current-continuation
        (lambda (k) (eval (list k ''escaped) base) 'not-escaped)))

;; Bad arguments.
(catch (eval 1 'not-an-environment))
(catch (eval 1 base 'extra))
(guard (e ((error-object? e)
           (let ((m (error-object-message e)))
             (show (substring m 0 (string-length "environment: <environment>:1:9: unknown library (no such library)"))))))
  (environment '(no such library)))
(catch (environment 'not-an-import-set))
(catch (environment '(only (scheme base) no-such-name)))
(catch (scheme-report-environment 4))
(catch (null-environment 7))
(catch (interaction-environment 'extra))

;; Objects without an external representation can be passed in as values,
;; but not quoted.
(catch (eval (list 'quote car) base))
(catch (eval (vector car) base))
(define circular (list '+ 1 2))
(set-cdr! (cddr circular) (cdr circular))
(catch (eval circular base))
