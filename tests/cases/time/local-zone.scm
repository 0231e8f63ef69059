; hand-written .out: (closc time), from lib/closc/time.sld's text: the
; default zone offset is the local zone's (TZ, a POSIX rule in local-zone.env:
; US Eastern time with daylight saving), at the instant converted.
(import (scheme base) (scheme write) (closc time))

(define (show . xs)
  (for-each (lambda (x) (write x) (display " ")) xs)
  (newline))

;; Winter (-05:00) and summer (-04:00) instants.
(define winter (time-utc->date (make-time 1798162933 0)))
(define summer (time-utc->date (make-time 1782000000 0)))
(show (date-zone-offset winter) (date->iso8601-string winter))
(show (date-zone-offset summer) (date->iso8601-string summer))
;; An explicit offset wins over the local zone.
(show (date->iso8601-string (time-utc->date (make-time 1798162933 0) 0)))
;; current-date is the local date of current-time.
(define now (current-date))
(show (date? now) (if (memv (date-zone-offset now) '(-18000 -14400)) 'local now))
(define now-utc (current-date 0))
(show (date-zone-offset now-utc))
(show (< (abs (- (time-second (date->time-utc now)) (time-second (current-time)))) 5))
