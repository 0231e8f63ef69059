; hand-written .out: R7RS writes the symbol |odd sym| with bars (Chez 9.5: odd\x20;sym).
; read parses data at run time.
(define p (open-input-string
  "(a . b) #(1 (2) \"three\") \"str\\n\\x41;\" #\\x #\\space #\\x3bb -42 #t #false
   sym |odd sym| 'q `(a ,b ,@c) [1 2] ; comment
   #| block #| nested |# |# (x #;(ignored) y) ()"))
(let loop ((d (read p)) (n 0))
  (if (eof-object? d)
      (begin (write (list 'count n)) (newline))
      (begin (write d) (newline) (loop (read p) (+ n 1)))))
(write (read p)) (newline)
(write (symbol? (read (open-input-string "abc")))) (newline)
(write (string? (read (open-input-string "\"abc\"")))) (newline)
