(write (read (open-input-string "x)"))) (newline)
(define p (open-input-string ")"))
(read p)
