(write (string-ref "abc" (quote x)))
