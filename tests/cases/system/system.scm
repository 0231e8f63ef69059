; hand-written .out: (closc process), from lib/closc/process.sld's text.
;; system: /bin/sh -c COMMAND; the exit status; 128+N for signal N; 127 for
;; a program the shell cannot find; what the program printed before comes first.
(import (scheme base) (scheme write) (closc process))

(define (show . xs)
  (for-each (lambda (x) (write x) (display " ")) xs)
  (newline))

(display "before\n")
(show (system "echo from the shell"))
(show (system "exit 3") (system "true") (system "false") (system "exit 255"))
(show (system "kill -9 $$"))
(show (system "no-such-program-closc-test 2>/dev/null"))
(show (system "printf '%s\\n' \"a b\" | wc -w | tr -d ' '"))
(show (guard (e ((error-object? e) (error-object-message e))) (system 'ls)))
(show (guard (e ((error-object? e) (error-object-message e))) (system "echo \x0;")))
