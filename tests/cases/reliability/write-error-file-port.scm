; hand-written .out: a failed write is an error (R7RS 6.13 leaves the kind to
; the implementation; closc raises a file error, catchable): /dev/full takes
; no bytes. Writes are buffered, so the failure shows when the port's buffer
; is written out: on flush-output-port or close-port.
(define p (open-output-file "/dev/full"))
(display (guard (e ((file-error? e) (list 'caught (error-object-message e))))
  (write-string "hello" p)
  (flush-output-port p)
  'not-caught))
(newline)
(display (guard (e ((file-error? e) 'caught-on-close))
  (write-string "again" p)
  (close-port p)
  'not-caught))
(newline)
(display (output-port-open? p))
(newline)
(define q (open-output-file "/dev/full"))
(write-string "lost at exit" q)
(display "the end")
(newline)
