; A guard with no matching clause re-raises; the backtrace is taken where
; the re-raised error is found uncaught, inside the guard's procedure.
(define (risky n)
  (if (< n 0) (error "negative" n) n))
(define (safe n)
  (+ 1 (guard (e ((string? e) 0))
         (risky n))))
(display (safe 5))
(newline)
(display (safe -1))
