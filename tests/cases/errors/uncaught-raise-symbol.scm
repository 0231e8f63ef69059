(display "before")
(newline)
(raise 'some-symbol)
