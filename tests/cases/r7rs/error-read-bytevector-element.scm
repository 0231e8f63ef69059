; R7RS 6.9: #u8 elements are bytes.
(import (scheme base) (scheme read))
(read (open-input-string "#u8(1 256)"))
