(import (scheme base) (scheme write) (closc ffi))
(define strlen (foreign-procedure "strlen" (string) size_t))
(display (strlen "ok")) (newline)
(display (strlen 5))
