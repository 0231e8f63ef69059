; hand-written .out: (closc process), from lib/closc/process.sld's text.
;; run-process: no shell, the arguments as given; ports to and from the
;; child, textual and binary; process-wait's statuses; process-kill.
(import (scheme base) (scheme write) (closc process))

(define (show . xs)
  (for-each (lambda (x) (write x) (display " ")) xs)
  (newline))

;; Arguments reach the program unchanged: no shell expands them.
(define echo (run-process "echo" '("$HOME" "a  b" "*")))
(show (process? echo) (process? 5) (exact-integer? (process-id echo)) (> (process-id echo) 0))
(show (read-line (process-output-port echo)))
(show (eof-object? (read-line (process-output-port echo))))
(show (process-wait echo) (process-wait echo) (process-signal echo))

;; A conversation with cat: lines in, lines out.
(define cat (run-process "cat" '()))
(define to-cat (process-input-port cat))
(show (output-port? to-cat) (textual-port? to-cat) (binary-port? to-cat))
(write-string "line one\n" to-cat)
(write-char #\λ to-cat)
(newline to-cat)
;; Binary writes on the same port.
(write-u8 65 to-cat)
(write-bytevector (bytevector 66 67 10) to-cat)
(close-port to-cat)
(show (output-port-open? to-cat))
(define from-cat (process-output-port cat))
(show (input-port? from-cat) (textual-port? from-cat) (binary-port? from-cat))
(show (read-line from-cat) (read-char from-cat))
;; Binary reads: the two bytes of λ's line end, then A B C and a newline.
(show (read-u8 from-cat) (read-bytevector 10 from-cat) (eof-object? (read-u8 from-cat)))
(close-port from-cat)
(show (input-port-open? from-cat) (process-wait cat))

;; Standard error is a port of its own; a non-zero exit status.
(define sh (run-process "sh" '("-c" "echo out; echo err >&2; exit 7")))
(show (read-line (process-error-port sh)) (read-line (process-output-port sh)))
(show (process-wait sh) (process-signal sh))

;; A signal: process-wait is -N, process-signal N.
(define sleeper (run-process "sleep" '("30")))
(process-kill sleeper)
(show (process-wait sleeper) (process-signal sleeper))
(define sleeper2 (run-process "sleep" '("30")))
(process-kill sleeper2 9)
(show (process-wait sleeper2) (process-signal sleeper2))
;; A process that has been waited for cannot be signalled.
(show (guard (e ((error-object? e) (error-object-message e))) (process-kill sleeper2 9)))

;; Large output through the pipe (more than a pipe buffer), read to the end.
(define seq (run-process "seq" '("1" "20000")))
(define (count-lines port n)
  (if (eof-object? (read-line port)) n (count-lines port (+ n 1))))
(show (count-lines (process-output-port seq) 0) (process-wait seq))
