; hand-written .out: R7RS leaves unflushed file output at exit unspecified;
; closc writes it out, as Guile does. /dev/stdout is this program's stdout,
; so what the port buffered shows in the output.
(import (scheme base) (scheme file))
(define p (open-output-file "/dev/stdout"))
(write-string "written by a file port at the end of the program\n" p)
