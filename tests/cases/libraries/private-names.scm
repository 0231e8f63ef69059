; Two libraries each define a private `helper`, and so does the program:
; three different variables.
(import (scheme base) (scheme write) (lib one) (lib two))
(define (helper) 'program-helper)
(write (list (one) (two) (helper)))
(newline)
