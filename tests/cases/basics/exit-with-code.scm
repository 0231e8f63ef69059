; exit with an explicit status code; output before it must be flushed.
(display "before exit")
(newline)
(display "no trailing newline")
(exit 3)
(display "never printed")
