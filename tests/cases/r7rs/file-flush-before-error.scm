; hand-written .out: an uncaught error writes out buffered file output before
; its message.
(import (scheme base) (scheme file))
(define p (open-output-file "/dev/stdout"))
(write-string "buffered before the error\n" p)
(car '())
