; (exit #f) is an abnormal exit (status 1); output is flushed first.
(display "before exit") (newline)
(exit #f)
(display "not reached") (newline)
