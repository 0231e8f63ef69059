(define s "abc")
(write (string-ref s 2))
(newline)
(write (string-ref s 10))
