; hand-written .out: R7RS 6.14 `load` (Chez 9.5's load has R6RS semantics)
(import (scheme base) (scheme write) (scheme eval) (scheme repl) (scheme load)
        (scheme file))

(define (show . xs) (for-each display xs) (newline))

(define-syntax catch
  (syntax-rules ()
    ((_ expr)
     (guard (e ((file-error? e) (show "file error: " (error-object-message e)))
               ((error-object? e)
                (show (error-object-message e) " / " (error-object-irritants e))))
       expr
       (show "no error")))))

;; Without an environment, load evaluates into the interaction environment.
(load "eval-load-file.sch")
(define repl (interaction-environment))
(show (eval 'loaded-greeting repl))
(show (eval '(loaded-square 12) repl))
(eval '(define p 1) repl)
(eval '(define q 2) repl)
(eval '(loaded-swap! p q) repl)
(show (eval '(list p q load-count) repl))

;; Into a given environment: a mutable one is the interaction environment;
;; loading into an immutable one is an error if the file defines anything.
(load "eval-load-file.sch" repl)
(catch (load "eval-load-file.sch" (environment '(scheme base))))

;; load does not change the current ports.
(define out (open-output-string))
(parameterize ((current-output-port out))
  (load "eval-load-file.sch"))
(show "captured: " (get-output-string out))

;; Errors: a missing file is a file error naming the file; a syntax error in
;; the file has its position there; an error the file raises reaches us,
;; after the forms before it ran.
(catch (load "no-such-file.sch"))
(catch (load "eval-load-bad.sch"))
(catch (load "eval-load-raises.sch"))
(show (eval 'loaded-before-error repl))
(catch (load 'not-a-string))
(catch (load "eval-load-file.sch" 'not-an-environment))
(catch (load "eval-load-file.sch" repl 'extra))
