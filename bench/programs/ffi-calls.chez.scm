;;; ffi-calls, Chez Scheme variant: foreign-procedure on libc's labs.
(load-shared-object "libc.so.6")
(define c-labs (foreign-procedure "labs" (long) long))
(define (run n)
  (let loop ((i 0) (sum 0))
    (if (= i n) sum (loop (+ i 1) (+ sum (c-labs (- i 5000000)))))))
(display (run 10000000))
(newline)
