; An error in a library body is reported in the library file.
(import (scheme base) (lib bad-body))
(f)
