; A continuation captured outside a callback cannot be resumed in it.
(import (scheme base) (scheme write) (closc ffi))
(define qsort (foreign-procedure "qsort" (pointer size_t size_t pointer) void))
(define buf (make-foreign-buffer 16))
(display
 (call/cc
  (lambda (k)
    (qsort buf 2 8 (foreign-callback (lambda (a b) (k 'escaped)) (pointer pointer) int))
    'returned)))
