;; An inline c[ad]+r that meets a non-pair reports the original argument.
(define (id x) x)
(display (caddr (id '(1 2 3))))
(newline)
(display (caddr (id '(1 2))))
