; R7RS 2.1: unknown character names are errors.
(import (scheme base) (scheme read))
(read (open-input-string "#\\bogus"))
