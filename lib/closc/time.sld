;; (closc time): the wall clock with nanoseconds, dates in UTC or a local
;; time zone, ISO 8601 text, and sleeping. Names follow SRFI 19 where it
;; has one (current-time, time-second, current-date, make-date,
;; date-year..., time-utc->date, date->time-utc); times are UTC only.
;;
;; (current-time): a time, seconds and nanoseconds since 1970-01-01
;;   00:00:00 UTC (leap seconds not counted): time?, time-second,
;;   time-nanosecond, (time->seconds t) an exact rational, (make-time
;;   second nanosecond).
;; (current-date [zone-offset]), (time-utc->date time [zone-offset]): a
;;   date; zone-offset is seconds east of UTC (0 for UTC), by default the
;;   local zone's (TZ, else the system's). make-date (SRFI 19's order:
;;   nanosecond second minute hour day month year zone-offset), date?,
;;   date-nanosecond, date-second, date-minute, date-hour, date-day,
;;   date-month, date-year, date-zone-offset, date-week-day (0 = Sunday),
;;   date-year-day (1 = January 1st), (date->time-utc date).
;; (date->iso8601-string date): "2026-12-07T01:42:13Z",
;;   "2026-12-07T02:42:13.5+01:00" (a fraction only when the nanoseconds are
;;   not 0, without trailing zeros; Z for offset 0).
;; (sleep seconds): waits a non-negative real number of seconds.
(define-library (closc time)
  (import (scheme base) (closc os))
  (export current-time time? time-second time-nanosecond time->seconds make-time
          current-date time-utc->date date->time-utc make-date date?
          date-nanosecond date-second date-minute date-hour date-day date-month
          date-year date-zone-offset date-week-day date-year-day
          date->iso8601-string sleep)
  (include "time.scm"))
