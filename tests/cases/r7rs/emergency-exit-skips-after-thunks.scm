; hand-written .out: R7RS `emergency-exit` runs no after thunks.
(import (scheme base) (scheme write) (scheme process-context))
(dynamic-wind
  (lambda () (display "before") (newline))
  (lambda () (emergency-exit #f))
  (lambda () (display "after: not run") (newline)))
