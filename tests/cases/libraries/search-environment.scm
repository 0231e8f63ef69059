; CLOSC_LIBRARY_PATH (colon-separated) is searched after the importing
; file's directory and -I.
(import (scheme base) (scheme write) (greet hello))
(display greeting)
(newline)
