; R7RS 2.4: a reference needs its label first.
(import (scheme base) (scheme read))
(read (open-input-string "(#0# #0=a)"))
