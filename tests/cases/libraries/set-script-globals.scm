; A script (no leading import) keeps assigning its own globals, builtins it
; has redefined included.
(define count 0)
(set! count (+ count 1))
(define (car x) 'mine)
(set! car (lambda (x) 'assigned))
(display (list count (car '(1))))
(newline)
