; An error in a callback that nothing handles ends the program as anywhere.
(import (scheme base) (scheme write) (closc ffi))
(define qsort (foreign-procedure "qsort" (pointer size_t size_t pointer) void))
(define buf (make-foreign-buffer 16))
(display "sorting\n")
(qsort buf 2 8 (foreign-callback (lambda (a b) (error "comparator failed" a)) (pointer pointer) int))
