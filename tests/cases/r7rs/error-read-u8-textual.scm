; hand-written .out: a binary operation on a textual port is an error.
(import (scheme base))
(read-u8 (current-input-port))
