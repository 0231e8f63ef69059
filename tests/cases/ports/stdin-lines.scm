; read-line from standard input (stdin-lines.in), numbering the lines.
(let loop ((line (read-line)) (n 1))
  (unless (eof-object? line)
    (display n) (display ": ") (display line) (newline)
    (loop (read-line) (+ n 1))))
(write (read-line)) (newline)
(write (read-char)) (newline)
