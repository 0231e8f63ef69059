; Flonums print as Chez prints them: the shortest digits that read back,
; positional from 1e-3 up to 1e10, exponent notation outside (`1e21`,
; `1.5e-7`), always with a `.` or an exponent.
(define (show x) (write x) (newline))
(for-each show
  (list 0.1 1.0 100.0 1e21 1e20 1e10 1e9 9999999999.0 12345678901.0 1e-4 0.001 0.00099 1.5e-7
        -0.0 0.0 12345.678 0.000123 3.14159 -2.5 1e22 1e23 123456789.123
        1.2345678901234567e19 1.7976931348623157e308 2.2250738585072014e-308
        4.35 0.3 (+ 0.1 0.2) (* 1.1 1.1) (/ 1.0 3) (/ 2.0 3) 100.5 -1e-10 6.02214076e23))
(show (/ 1. 0))
(show (/ -1. 0))
(show (/ 0. 0))
(show (list 1.5 'a 2.0 "s" -0.25))
(display 2.5)
(newline)
(display (list 1e21 -0.0 +inf.0))
(newline)
