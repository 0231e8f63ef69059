(import (scheme base) (closc ffi))
(define f (foreign-procedure "getpid" (void) int))
