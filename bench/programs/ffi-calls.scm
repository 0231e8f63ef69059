;;; ffi-calls: 10^7 calls of a trivial C function (libc's labs) through each implementation's FFI.
(define c-labs (foreign-procedure "labs" (long) long))
(define (run n)
  (let loop ((i 0) (sum 0))
    (if (= i n) sum (loop (+ i 1) (+ sum (c-labs (- i 5000000)))))))
(display (run 10000000))
(newline)
