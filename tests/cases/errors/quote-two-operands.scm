; quote takes exactly one datum.
(display "never printed")
(write (quote a b))
