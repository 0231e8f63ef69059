(define s (make-string 3 #\a))
(string-set! s 3 #\b)
