(write (cdr (command-line))) (newline)
(write (list? (command-line))) (newline)
