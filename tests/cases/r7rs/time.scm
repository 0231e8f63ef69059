; hand-written .out: R7RS (scheme time), from the standard's text.
(import (scheme base) (scheme write) (scheme time))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))

;; current-second: an inexact number of seconds since 1970 (after 2020 here).
(define s (current-second))
(show (real? s) (inexact? s) (> s 1.5e9))

;; jiffies-per-second: an exact positive integer, microseconds or finer.
(define jps (jiffies-per-second))
(show (exact-integer? jps) (>= jps 1000000) (= jps (jiffies-per-second)))

;; current-jiffy: an exact integer that never decreases.
(define j0 (current-jiffy))
(show (exact-integer? j0)
      (let loop ((i 0) (last j0))
        (or (= i 10000)
            (let ((j (current-jiffy)))
              (and (>= j last) (loop (+ i 1) j))))))

;; A busy loop of some milliseconds, timed both ways.
(define (spin n) (if (> n 0) (spin (- n 1)) 'done))
(define t0 (current-jiffy))
(define c0 (current-second))
(spin 2000000)
(define elapsed (/ (- (current-jiffy) t0) jps))
(define elapsed-wall (- (current-second) c0))
(show (exact? elapsed) (> elapsed 0) (< elapsed 60)
      (< (abs (- (inexact elapsed) elapsed-wall)) 1.0))
