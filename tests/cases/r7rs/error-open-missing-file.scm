; hand-written .out: an uncaught file error names the procedure, the OS's
; reason and the file.
(import (scheme base) (scheme write) (scheme file))
(display "before")
(newline)
(open-input-file "/nonexistent-dir/missing.txt")
(display "not reached")
