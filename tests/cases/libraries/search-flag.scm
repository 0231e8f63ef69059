; -I DIR adds DIR to the library search path, before CLOSC_LIBRARY_PATH.
(import (scheme base) (scheme write) (greet hello) (greet only-two))
(display greeting)
(newline)
(display where)
(newline)
