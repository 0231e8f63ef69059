; R7RS 6.7: \ followed by blanks must end the line.
(display "a\  b")
