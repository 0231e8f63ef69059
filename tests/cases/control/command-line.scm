; (command-line): the program name, then the arguments (see command-line.args).
(define cl (command-line))
(write (string? (car cl))) (newline)
(write (cdr cl)) (newline)
(write (length cl)) (newline)
