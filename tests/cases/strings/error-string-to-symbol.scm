(write (string->symbol "ok"))
(newline)
(write (string->symbol 5))
