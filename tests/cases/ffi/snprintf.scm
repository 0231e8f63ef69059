; hand-written .out: closc's (closc ffi). snprintf is variadic: it is
; declared with the fixed prototype of this call (integers, pointers and
; strings only: see the README).
(import (scheme base) (scheme write) (closc ffi))
(define snprintf-d-s (foreign-procedure "snprintf" (pointer size_t string int string) int))
(define snprintf-ld (foreign-procedure "snprintf" (bytevector size_t string long) int))
(define buf (make-foreign-buffer 16))
(write (snprintf-d-s buf 16 "%d and %s" -42 "text")) (newline)
(write (foreign-buffer->string buf)) (newline)
; Truncation: the return value is the length it wanted.
(write (snprintf-d-s buf 8 "%d and %s" 12345 "more text")) (newline)
(write (foreign-buffer->string buf)) (newline)
(define bv (make-bytevector 24 255))
(write (snprintf-ld bv 24 "<%ld>" -9000000000000000000)) (newline)
(write (utf8->string bv 0 22)) (newline)
(write (bytevector-u8-ref bv 22)) (newline)
(free-foreign-buffer buf)
