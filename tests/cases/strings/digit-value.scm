; hand-written .out: Chez 9.5 has no digit-value, and its char-numeric? is
; true for every numeric character (½, Roman numerals); R7RS defines both by
; the decimal digits (general category Nd).
(write (list (digit-value #\3) (digit-value #\x0664) (digit-value #\x0AE6)
             (digit-value #\x0EA6) (digit-value #\a) (digit-value #\xFF19)
             (digit-value #\x1D7CE)))
(newline)
(write (list (char-numeric? #\0) (char-numeric? #\9) (char-numeric? #\x0669)
             (char-numeric? #\½) (char-numeric? #\x2160) (char-numeric? #\²)
             (char-numeric? #\a)))
(newline)
(define (digits->number s)
  (let loop ((cs (string->list s)) (n 0))
    (if (null? cs) n (loop (cdr cs) (+ (* n 10) (digit-value (car cs)))))))
(write (digits->number "٢٠٢٤"))
(newline)
