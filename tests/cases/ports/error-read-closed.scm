(define p (open-input-string "abc"))
(write (read-char p)) (newline)
(close-port p)
(read-char p)
