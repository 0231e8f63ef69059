; R7RS 7.1: \q is no escape.
(import (scheme base) (scheme read))
(read (open-input-string "|a\\qb|"))
