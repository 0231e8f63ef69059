; Symbol syntax: ordinary identifiers with punctuation, case sensitivity,
; and |...| symbols (displayed only).
(write 'hello) (newline)
(write '(set-car! list->vector a->b <=? *global* %internal x1 + - ... !$&:^_~)) (newline)
(display (eq? 'Hello 'hello)) (newline)
(write 'Hello) (newline)
(display '|odd symbol|) (newline)
(display (symbol->string '|odd symbol|)) (newline)
(display (string-length (symbol->string '|odd symbol|))) (newline)
(display (eq? '|abc| 'abc)) (newline)
(display (eq? '|odd symbol| (string->symbol "odd symbol"))) (newline)
(display (symbol? '|odd symbol|)) (newline)
