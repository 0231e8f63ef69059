; Calling a procedure that is not defined anywhere.
(define (main)
  (display "never printed")
  (frobnicate 1 2))
(main)
