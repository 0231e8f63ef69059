; (exit) with no arguments exits with status 0, skipping the rest of the program.
(define (finish) (display "finishing") (newline) (exit) (display "not reached"))
(display "start") (newline)
(finish)
(display "never printed") (newline)
