; hand-written .out: closc's (closc ffi): a struct timeval (two 64-bit
; fields on x86-64 Linux) filled by C in a foreign buffer.
(import (scheme base) (scheme write) (scheme time) (closc ffi))
(define gettimeofday (foreign-procedure "gettimeofday" (pointer pointer) int))
(define tv (make-foreign-buffer 16))
(write (gettimeofday tv (integer->pointer 0))) (newline)
(define sec (foreign-ref 'int64 tv 0))
(define usec (foreign-ref 'int64 tv 8))
(write (< (abs (- sec (exact (floor (current-second))))) 5)) (newline)
(write (and (<= 0 usec) (< usec 1000000))) (newline)
(free-foreign-buffer tv)
