; C given a bytevector may not call back: the collector could move the
; bytes C holds. (Sort a foreign buffer instead.)
(import (scheme base) (scheme write) (closc ffi))
(define qsort (foreign-procedure "qsort" (bytevector size_t size_t pointer) void))
(define bv (bytevector 3 1 2))
(qsort bv 3 1 (foreign-callback (lambda (a b) 0) (pointer pointer) int))
