; (quote) quotes nothing.
(display "never printed")
(write (quote))
