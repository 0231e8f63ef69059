; hand-written .out: Chez 9.5 has no string-copy!.
(define s (make-string 3 #\-))
(string-copy! s 1 "abc")
