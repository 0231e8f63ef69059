; R7RS 6.13.2: read of an incomplete datum is an error.
(import (scheme base) (scheme read) (scheme write))
(display "before")
(newline)
(read (open-input-string "(1 2"))
(display "not reached")
