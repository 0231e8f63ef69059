; R7RS 6.7: strings end with a double quote.
(import (scheme base) (scheme read))
(read (open-input-string "\"abc"))
