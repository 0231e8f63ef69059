;;; ffi-calls, Guile variant: pointer->procedure on libc's labs.
(use-modules (system foreign))
(define c-labs
  (pointer->procedure long (dynamic-func "labs" (dynamic-link)) (list long)))
(define (run n)
  (let loop ((i 0) (sum 0))
    (if (= i n) sum (loop (+ i 1) (+ sum (c-labs (- i 5000000)))))))
(display (run 10000000))
(newline)
