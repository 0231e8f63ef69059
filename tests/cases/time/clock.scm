; hand-written .out: (closc time), from lib/closc/time.sld's text.
;; current-time: seconds and nanoseconds, agreeing with current-second;
;; time->seconds; sleep waits at least the time asked, fractions included.
(import (scheme base) (scheme write) (scheme time) (closc time))

(define (show . xs)
  (for-each (lambda (x) (write x) (display " ")) xs)
  (newline))

(define t1 (current-time))
(show (time? t1) (time? 1) (exact-integer? (time-second t1))
      (exact-integer? (time-nanosecond t1)) (<= 0 (time-nanosecond t1) 999999999))
;; After 2020, and within a second of current-second.
(show (> (time-second t1) 1577836800)
      (< (abs (- (time->seconds t1) (exact (floor (current-second))))) 2))
(show (exact? (time->seconds t1)) (time->seconds (make-time 3 250000000))
      (time->seconds (make-time -2 500000000)))

;; sleep: a fraction of a second, measured with the monotonic jiffies.
(define (elapsed thunk)
  (let ((start (current-jiffy)))
    (thunk)
    (/ (- (current-jiffy) start) (jiffies-per-second))))
(show (>= (elapsed (lambda () (sleep 0.05))) 1/20))
(show (>= (elapsed (lambda () (sleep 1/10))) 1/10))
(show (>= (elapsed (lambda () (sleep 0))) 0))
;; The wall clock moved on too.
(define t2 (current-time))
(show (>= (- (time->seconds t2) (time->seconds t1)) 15/100))

;; Output written before sleeping is out before it.
(display "before sleep\n")
(sleep 0.01)

(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
    (thunk)))
(show (message (lambda () (sleep -1))))
(show (message (lambda () (sleep 'x))))
(show (message (lambda () (sleep +nan.0))))
(show (message (lambda () (sleep 1+2i))))
(show (message (lambda () (time->seconds 5))))
