(import (scheme base) (closc ffi))
(define name "strlen")
(define f (foreign-procedure name (string) size_t))
