; Standard input is empty: everything reads the end of file.
(write (list (eof-object? (read-char)) (eof-object? (peek-char)) (eof-object? (read-line))
             (eof-object? (read)) (eof-object? (read-string 3))))
(newline)
