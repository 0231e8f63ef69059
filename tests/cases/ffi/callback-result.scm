; A callback's result must fit its C type.
(import (scheme base) (scheme write) (closc ffi))
(define qsort (foreign-procedure "qsort" (pointer size_t size_t pointer) void))
(define buf (make-foreign-buffer 16))
(qsort buf 2 8 (foreign-callback (lambda (a b) 'less) (pointer pointer) int))
