(write-string "abcdef" (current-output-port) 2 4) (newline)
(write-string "abc" (current-output-port) 2 7)
