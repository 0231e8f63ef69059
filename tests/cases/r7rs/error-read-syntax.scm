; hand-written .out: an uncaught read error.
(import (scheme base) (scheme read))
(read (open-input-string "(1 2"))
