; Writes to current-error-port go to stderr; stdout written before is
; flushed first. Ends with an error so that stderr may be non-empty.
(display "stdout 1") (newline)
(display "stderr 1" (current-error-port)) (newline (current-error-port))
(write-string "stdout 2\n")
(write 'err2 (current-error-port))
(newline (current-error-port))
(error "done")
