; A guard outside a callback cannot catch an error raised in it: the
; handler would have to leave the C frames. A clean error, not a crash.
(import (scheme base) (scheme write) (closc ffi))
(define qsort (foreign-procedure "qsort" (pointer size_t size_t pointer) void))
(define buf (make-foreign-buffer 16))
(define compare (foreign-callback (lambda (a b) (raise 'boom)) (pointer pointer) int))
(display "sorting\n")
(guard (e (#t (display "caught\n"))) (qsort buf 2 8 compare))
