(write-char #\a) (newline)
(write-char 5)
