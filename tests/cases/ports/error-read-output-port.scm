(display "ok") (newline)
(read-line (open-output-string))
