; hand-written .out: R7RS `exit` runs the after thunks of every active
; dynamic-wind, innermost first (Chez 9.5 skips them); an `exit` inside one of
; them goes on with the rest, and its status wins.
(import (scheme base) (scheme write) (scheme process-context))
(define (say x) (display x) (newline))
(dynamic-wind
  (lambda () (say "outer before"))
  (lambda ()
    (dynamic-wind
      (lambda () (say "middle before"))
      (lambda ()
        (dynamic-wind
          (lambda () (say "inner before"))
          (lambda () (say "exiting") (exit 5) (say "not reached"))
          (lambda () (say "inner after"))))
      (lambda () (say "middle after, exiting again") (exit 6))))
  (lambda () (say "outer after")))
(say "not reached")
