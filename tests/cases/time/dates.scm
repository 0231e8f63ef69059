; hand-written .out: (closc time), from lib/closc/time.sld's text; the dates
; agree with Python's datetime (proleptic Gregorian calendar, UTC offsets).
(import (scheme base) (scheme write) (closc time))

(define (show . xs)
  (for-each (lambda (x) (write x) (display " ")) xs)
  (newline))

(define seconds
  '(0 86399 86400 951782400 951868799 951868800 -1 -86401 1000000000 4102444800
    -62135596800 253402300799 1798162933 -2208988800 68169600))
(define offsets '(0 19800 -12600 3600 -36000 50400))

;; ISO text, week day and year day of each instant in each zone; the date
;; goes back to the same time.
(for-each
 (lambda (offset)
   (for-each
    (lambda (s)
      (let* ((t (make-time s 0))
             (d (time-utc->date t offset))
             (back (date->time-utc d)))
        (show (date->iso8601-string d) (date-week-day d) (date-year-day d)
              (and (= (time-second back) s) (= (time-nanosecond back) 0)))))
    seconds))
 offsets)

;; The fields of one date.
(define d (time-utc->date (make-time 1798162933 123456789) -12600))
(show (date? d) (date? 'd) (date-year d) (date-month d) (date-day d) (date-hour d)
      (date-minute d) (date-second d) (date-nanosecond d) (date-zone-offset d))
(show (date->iso8601-string d))
;; Fractions: only when there are nanoseconds, without trailing zeros.
(for-each
 (lambda (ns) (show (date->iso8601-string (time-utc->date (make-time 0 ns) 0))))
 '(1 10 500000000 999999999 120000000))

;; make-date checks its fields (SRFI 19's order).
(define d2 (make-date 5 59 59 23 31 12 1999 0))
(show (date->iso8601-string d2) (time-second (date->time-utc d2)) (date-week-day d2))
(show (date->iso8601-string (make-date 0 0 0 0 29 2 2024 3600)))
(show (date->iso8601-string (make-date 0 0 0 0 1 1 -44 0)))
(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
    (thunk)))
(show (message (lambda () (make-date 0 0 0 0 29 2 2023 0))))
(show (message (lambda () (make-date 0 0 0 0 29 2 1900 0))))
(show (message (lambda () (make-date 0 0 0 0 31 4 2000 0))))
(show (message (lambda () (make-date 0 0 0 0 1 13 2000 0))))
(show (message (lambda () (make-date 0 0 0 24 1 1 2000 0))))
(show (message (lambda () (make-date 0 0 60 0 1 1 2000 0))))
(show (message (lambda () (make-date 1000000000 0 0 0 1 1 2000 0))))
(show (message (lambda () (make-date 0 0 0 0 1 1 2000 100000))))
(show (message (lambda () (make-date 0 0 0 0 1 1 2000.5 0))))
(show (message (lambda () (make-time 1.5 0))))
(show (message (lambda () (make-time 0 -1))))
(show (message (lambda () (time-utc->date 5 0))))
(show (message (lambda () (time-utc->date (make-time 0 0) 1/2))))
(show (message (lambda () (date->iso8601-string "2000"))))
(show (message (lambda () (date->time-utc (make-time 0 0)))))
