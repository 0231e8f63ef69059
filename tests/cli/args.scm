(write (command-line)) (newline)
