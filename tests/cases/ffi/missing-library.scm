(import (scheme base) (scheme write) (closc ffi))
(display "loading\n")
(load-shared-object "libclosc-ffi-test-missing.so")
(display "not reached\n")
