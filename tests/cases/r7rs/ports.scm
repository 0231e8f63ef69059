; hand-written .out: R7RS 6.13 port procedures of (scheme base), from the
; standard's text (Chez 9.5 lacks several of them).
(import (scheme base) (scheme write) (scheme read))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax catch
  (syntax-rules ()
    ((_ e) (guard (c ((error-object? c) (display (error-object-message c))
                                         (write (error-object-irritants c)) (newline)))
             e (display "no error") (newline)))))

;; Predicates on every kind of port, and on non-ports.
(define si (open-input-string "hello world"))
(define so (open-output-string))
(show (port? si) (port? so) (port? (current-input-port)) (port? "s") (port? (eof-object)))
(show (textual-port? si) (textual-port? (current-output-port)) (textual-port? 'x) (binary-port? so))
(show (input-port-open? si) (output-port-open? so) (input-port-open? so) (output-port-open? si))

;; eof-object: the value read at the end.
(show (eof-object? (eof-object)) (eq? (eof-object) (read-char (open-input-string ""))))

;; call-with-port: returns proc's result and closes the port.
(define cp (open-input-string "abc"))
(show (call-with-port cp (lambda (p) (read-char p) (read-char p))) (input-port-open? cp))
(define cq (open-output-string))
(show (call-with-port cq (lambda (p) (write 'x p) (get-output-string p))) (output-port-open? cq))

;; read-string: up to k characters; eof when none; 0 gives "".
(define rs (open-input-string "abcdef"))
(show (read-string 2 rs) (read-string 0 rs) (read-string 10 rs) (eof-object? (read-string 1 rs)))

;; write-string with start and end.
(define ws (open-output-string))
(write-string "abcdef" ws)
(write-string "abcdef" ws 4)
(write-string "abcdef" ws 1 3)
(write-string "λx" ws 0 1)
(show (get-output-string ws))

;; char-ready?: a string port is always ready, even at its end.
(show (char-ready? si) (char-ready? (open-input-string "")))

;; close-port, close-input-port, close-output-port; closing twice is fine.
(close-input-port si)
(close-input-port si)
(close-output-port so)
(close-port so)
(show (input-port-open? si) (output-port-open? so))
(catch (read-char si))
(catch (write-char #\a so))
(catch (close-input-port so))
(catch (close-output-port si))
(catch (close-port 5))
(catch (input-port-open? "x"))

;; read-error?: what `read` raises on bad syntax; not other errors.
(define (kind thunk)
  (guard (c ((read-error? c) 'read-error)
            ((file-error? c) 'file-error)
            ((error-object? c) 'error))
    (thunk)
    'none))
(show (kind (lambda () (read (open-input-string "(1 2")))))
(show (kind (lambda () (read (open-input-string ")")))))
(show (kind (lambda () (read (open-input-string "#<foo>")))))
(show (kind (lambda () (read (open-input-string "(a . b c)")))))
(show (kind (lambda () (car 1))) (kind (lambda () (error "x"))) (kind (lambda () (read (open-input-string "ok")))))
(show (read-error? 5) (file-error? "x") (read-error? (make-string 1)))

;; The current ports are parameters.
(define sp (open-output-string))
(parameterize ((current-output-port sp))
  (display "to the string")
  (write-char #\!)
  (newline))
(show (get-output-string sp))
(parameterize ((current-input-port (open-input-string "(a b) c")))
  (show (read) (read-char) (read) (eof-object? (read))))
(catch (parameterize ((current-output-port 5)) 'x))
(catch (parameterize ((current-input-port (open-output-string))) 'x))
(catch (current-output-port 1))
;; Restored on a non-local exit too.
(define sp2 (open-output-string))
(call-with-current-continuation
 (lambda (k) (parameterize ((current-output-port sp2)) (display "a") (k 0))))
(display "back on stdout")
(newline)
(show (get-output-string sp2))
