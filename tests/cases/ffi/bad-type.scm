(import (scheme base) (closc ffi))
(define f (foreign-procedure "strlen" (strin) size_t))
