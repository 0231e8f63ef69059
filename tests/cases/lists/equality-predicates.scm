; boolean=? and symbol=? (n-ary), char?, with every argument type-checked.
(write (list (boolean=? #t #t) (boolean=? #f #f #f) (boolean=? #t #f) (boolean=? #t #t #f)))
(newline)
(write (list (symbol=? 'a 'a) (symbol=? 'a (string->symbol "a") 'a) (symbol=? 'a 'b)))
(newline)
(write (list (char? #\a) (char? "a") (char? 97) (char? (string-ref "λ" 0))))
(newline)
