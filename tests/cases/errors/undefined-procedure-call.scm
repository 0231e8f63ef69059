; Calling a procedure that is not defined anywhere: a warning at compile
; time (checked in tests/cli.rs), an error when the call is evaluated.
(define (main)
  (display "printed before the call")
  (frobnicate 1 2))
(main)
