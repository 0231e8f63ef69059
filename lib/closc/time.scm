;; (closc time) over (closc os): see time.sld.

(define-record-type time
  (time-record second nanosecond)
  time?
  (second time-second)
  (nanosecond time-nanosecond))

(define (make-time second nanosecond)
  (if (not (exact-integer? second))
      (error "make-time: not an exact integer" second))
  (if (not (and (exact-integer? nanosecond) (<= 0 nanosecond 999999999)))
      (error "make-time: not a nanosecond count 0..999999999" nanosecond))
  (time-record second nanosecond))

(define (current-time)
  (let ((now (os-clock-realtime)))
    (time-record (car now) (cdr now))))

(define (check-time who t)
  (if (not (time? t)) (error (string-append who ": not a time") t)))

(define (time->seconds t)
  (check-time "time->seconds" t)
  (+ (time-second t) (/ (time-nanosecond t) 1000000000)))

(define-record-type date
  (date-record nanosecond second minute hour day month year zone-offset)
  date?
  (nanosecond date-nanosecond)
  (second date-second)
  (minute date-minute)
  (hour date-hour)
  (day date-day)
  (month date-month)
  (year date-year)
  (zone-offset date-zone-offset))

;; Days from 1970-01-01 to year Y, month M, day D of the proleptic
;; Gregorian calendar. Years are counted from March (so February's leap day
;; ends one) in 400-year eras of 146097 days.
(define (days-from-civil y m d)
  (let* ((y (if (<= m 2) (- y 1) y))
         (era (floor-quotient y 400))
         (year-of-era (- y (* era 400)))
         (month-from-march (modulo (+ m 9) 12))
         (day-of-year (+ (quotient (+ (* 153 month-from-march) 2) 5) (- d 1)))
         (day-of-era (+ (* 365 year-of-era) (quotient year-of-era 4)
                        (- (quotient year-of-era 100)) day-of-year)))
    (+ (* era 146097) day-of-era -719468)))

;; The inverse: (values year month day) of day DAYS since 1970-01-01.
(define (civil-from-days days)
  (let* ((z (+ days 719468))
         (era (floor-quotient z 146097))
         (day-of-era (- z (* era 146097)))
         (year-of-era (quotient (- (+ day-of-era (quotient day-of-era 36524))
                                   (quotient day-of-era 1460)
                                   (quotient day-of-era 146096))
                                365))
         (day-of-year (- day-of-era (+ (* 365 year-of-era) (quotient year-of-era 4)
                                       (- (quotient year-of-era 100)))))
         (month-from-march (quotient (+ (* 5 day-of-year) 2) 153))
         (d (+ (- day-of-year (quotient (+ (* 153 month-from-march) 2) 5)) 1))
         (m (if (< month-from-march 10) (+ month-from-march 3) (- month-from-march 9)))
         (y (+ year-of-era (* era 400) (if (<= m 2) 1 0))))
    (values y m d)))

(define (check-offset who offset)
  (if (not (and (exact-integer? offset) (<= -86400 offset 86400)))
      (error (string-append who ": not a time zone offset in seconds") offset)))

(define (time-utc->date t . zone)
  (check-time "time-utc->date" t)
  (let ((offset (if (pair? zone) (car zone) (os-local-time-offset (time-second t)))))
    (check-offset "time-utc->date" offset)
    (let* ((local (+ (time-second t) offset))
           (days (floor-quotient local 86400))
           (in-day (- local (* days 86400))))
      (let-values (((y m d) (civil-from-days days)))
        (date-record (time-nanosecond t) (modulo in-day 60)
                     (modulo (quotient in-day 60) 60) (quotient in-day 3600)
                     d m y offset)))))

(define (current-date . zone)
  (apply time-utc->date (current-time) zone))

(define (days-in-month y m)
  (case m
    ((4 6 9 11) 30)
    ((2) (if (and (zero? (modulo y 4))
                  (or (not (zero? (modulo y 100))) (zero? (modulo y 400))))
             29 28))
    (else 31)))

(define (make-date nanosecond second minute hour day month year zone-offset)
  (define (check ok? what value)
    (if (not (and (exact-integer? value) (ok? value)))
        (error (string-append "make-date: not a valid " what) value)))
  (check (lambda (n) (<= 0 n 999999999)) "nanosecond" nanosecond)
  (check (lambda (n) (<= 0 n 60)) "second" second)
  (check (lambda (n) (<= 0 n 59)) "minute" minute)
  (check (lambda (n) (<= 0 n 23)) "hour" hour)
  (check (lambda (n) #t) "year" year)
  (check (lambda (n) (<= 1 n 12)) "month" month)
  (check (lambda (n) (<= 1 n (days-in-month year month))) "day" day)
  (check-offset "make-date" zone-offset)
  (date-record nanosecond second minute hour day month year zone-offset))

(define (check-date who d)
  (if (not (date? d)) (error (string-append who ": not a date") d)))

(define (date-days d)
  (days-from-civil (date-year d) (date-month d) (date-day d)))

(define (date->time-utc d)
  (check-date "date->time-utc" d)
  (time-record (- (+ (* 86400 (date-days d)) (* 3600 (date-hour d))
                     (* 60 (date-minute d)) (date-second d))
                  (date-zone-offset d))
               (date-nanosecond d)))

(define (date-week-day d)
  (check-date "date-week-day" d)
  (modulo (+ (date-days d) 4) 7))

(define (date-year-day d)
  (check-date "date-year-day" d)
  (+ 1 (- (date-days d) (days-from-civil (date-year d) 1 1))))

;; N in decimal, at least WIDTH digits (zeros in front).
(define (padded n width)
  (let ((s (number->string n)))
    (if (< (string-length s) width)
        (string-append (make-string (- width (string-length s)) #\0) s)
        s)))

;; ".5" for 500000000 nanoseconds, "" for 0.
(define (fraction nanosecond)
  (if (zero? nanosecond)
      ""
      (let loop ((digits (padded nanosecond 9)))
        (if (char=? (string-ref digits (- (string-length digits) 1)) #\0)
            (loop (substring digits 0 (- (string-length digits) 1)))
            (string-append "." digits)))))

(define (date->iso8601-string d)
  (check-date "date->iso8601-string" d)
  (let* ((offset (date-zone-offset d))
         (magnitude (abs offset))
         (zone (if (zero? offset)
                   "Z"
                   (string-append (if (< offset 0) "-" "+")
                                  (padded (quotient magnitude 3600) 2) ":"
                                  (padded (modulo (quotient magnitude 60) 60) 2))))
         (year (date-year d)))
    (string-append (if (< year 0) "-" "") (padded (abs year) 4)
                   "-" (padded (date-month d) 2) "-" (padded (date-day d) 2)
                   "T" (padded (date-hour d) 2) ":" (padded (date-minute d) 2)
                   ":" (padded (date-second d) 2) (fraction (date-nanosecond d))
                   zone)))
