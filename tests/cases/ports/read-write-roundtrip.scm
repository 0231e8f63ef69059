; What write prints, read reads back as an equal? datum.
(define data
  (list 1 -7 'sym "str \"q\" \\ \n" #\a #\space #\newline '(nested (list) #(vec 1 "s")) '() #t #f
        '(a . b) (vector) "" 'CamelCase '(quote x)))
(define o (open-output-string))
(for-each (lambda (d) (write d o) (write-char #\space o)) data)
(define text (get-output-string o))
(define in (open-input-string text))
(define back (let loop ((acc '()))
  (let ((d (read in)))
    (if (eof-object? d) (reverse acc) (loop (cons d acc))))))
(write (equal? data back)) (newline)
(write (length back)) (newline)
(write back) (newline)
