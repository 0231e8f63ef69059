; Indexing past the end of a string.
(define s "hello")
(display (string-ref s 4)) (newline)
(display (string-ref s (string-length s)))
