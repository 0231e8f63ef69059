(define p (open-input-string "(1 2 (3)"))
(display "reading") (newline)
(read p)
