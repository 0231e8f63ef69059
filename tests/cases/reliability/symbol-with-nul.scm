; A symbol containing NUL is an ordinary symbol (it crashed the compiler).
(define |a\x0;b| 5)
(display (+ |a\x0;b| 1))
(newline)
(display (string-length (symbol->string '|\x0;|)))
(newline)
(display |\x0;|)
