(import (scheme base) (scheme write))
; The R7RS import form at the top of a program is accepted and ignored.
(define (greet name) (string-append "Hello, " name "!"))
(display (greet "closc")) (newline)
(write (map (lambda (x) (* x x)) '(1 2 3))) (newline)
