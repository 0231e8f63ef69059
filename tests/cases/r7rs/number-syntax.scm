; hand-written .out, from R7RS 7.1.1 (numbers) and 6.2.7 (number->string, string->number):
; string->number gives #f, never an error, for a string that is not a number.
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (s->n . args) (apply string->number args))
; integers, signs, radix prefixes in any order with exactness prefixes
(show (s->n "0") (s->n "-17") (s->n "+17") (s->n "123456789012345678901234567890"))
(show (s->n "#x1F") (s->n "#X1f") (s->n "#b-101") (s->n "#o777") (s->n "#d99") (s->n "#xFFFFFFFFFFFFFFFFFFFF"))
(show (s->n "#e#x10") (s->n "#x#e10") (s->n "#i#x10") (s->n "#x#i10") (s->n "#e1.5") (s->n "#i3/4") (s->n "#E1.25") (s->n "#I7"))
(show (s->n "#x#x10") (s->n "#e#i1") (s->n "#e#e1") (s->n "#q1") (s->n "#") (s->n "#x") (s->n "#e"))
; radix argument; a prefix overrides it
(show (s->n "ff" 16) (s->n "FF" 16) (s->n "101" 2) (s->n "777" 8) (s->n "99" 10) (s->n "#d99" 16) (s->n "#xff" 2) (s->n "1e2" 16))
(show (s->n "2" 2) (s->n "8" 8) (s->n "g" 16))
; rationals
(show (s->n "1/2") (s->n "-6/4") (s->n "4/2") (s->n "#x1/A") (s->n "#e1/3") (s->n "#i1/3") (s->n "-0/5"))
(show (s->n "1/0") (s->n "1/") (s->n "/2") (s->n "1/2/3") (s->n "1.0/2") (s->n "1/2.0") (s->n "#i1/0"))
; decimals and exponents
(show (s->n "1.5") (s->n ".5") (s->n "-.5") (s->n "5.") (s->n "+5.") (s->n "1e3") (s->n "1E3") (s->n "1.5e-3") (s->n "-2.5e+2") (s->n "12e0"))
(show (s->n "#e1.5e2") (s->n "#e0.1") (s->n "#e1e-2") (s->n "#e-1.25") (s->n "1e400") (s->n "-1e400") (s->n "1e-400"))
(show (s->n ".") (s->n "-.") (s->n "1e") (s->n "e1") (s->n "1e+") (s->n "1.2.3") (s->n "1e2.5") (s->n "1s2") (s->n "1d2") (s->n "1_000"))
; infinities and NaNs
(show (s->n "+inf.0") (s->n "-inf.0") (s->n "+nan.0") (s->n "-nan.0") (s->n "+INF.0") (s->n "+NaN.0") (s->n "#i+inf.0"))
(show (s->n "inf.0") (s->n "nan.0") (s->n "+inf") (s->n "+inf.00") (s->n "#e+inf.0") (s->n "#e+nan.0"))
; complex
(show (s->n "1+2i") (s->n "1-2i") (s->n "+i") (s->n "-i") (s->n "-2.5i") (s->n "1/2+3/4i") (s->n "#e1.5+2.5i") (s->n "#i1+i"))
(show (s->n "+inf.0i") (s->n "-inf.0-inf.0i") (s->n "+inf.0+nan.0i") (s->n "1e2+1e-2i") (s->n "1e+2-1e+2i") (s->n "1+0i") (s->n "1.0+0i") (s->n "1@0"))
(show (s->n "1+2" ) (s->n "i") (s->n "1i") (s->n "1+i+i") (s->n "1@") (s->n "@1") (s->n "+-i") (s->n "#e+inf.0i"))
(show (s->n "1e+2i" 16) (s->n "#b1+10i") (s->n "#x-a-bi"))
; not numbers
(show (s->n "") (s->n "+") (s->n "-") (s->n "abc") (s->n " 1") (s->n "1 ") (s->n "..."))
; number->string in radix 2, 8, 10, 16, exact and inexact
(show (number->string 255 16) (number->string -255 2) (number->string 8 8) (number->string 1/3 2) (number->string 10 10) (number->string 10))
(show (number->string 1.5 2) (number->string -0.75 8) (number->string 255.5 16) (number->string 0.0 2) (number->string -0.0 16) (number->string 1e21 16))
(show (number->string +inf.0 2) (number->string -inf.0 16) (number->string +nan.0 8) (number->string 0.1 2))
(show (number->string 1.5 10) (number->string 1e21) (number->string 1.5e-7) (number->string 123.456))
; every inexact number->string in radix R reads back with string->number in radix R
(define (round-trips? x)
  (let loop ((rs '(2 8 10 16)))
    (or (null? rs)
        (and (eqv? x (string->number (number->string x (car rs)) (car rs)))
             (loop (cdr rs))))))
(show (map round-trips? (list 0.1 -0.1 1.5 1e300 -1e-300 5e-324 1.7976931348623157e308 123456.789 (/ 1.0 3) -0.0 +inf.0 1/3 -12345678901234567890 1.5+2.5i 1/2-3i)))
; the compiler's reader takes the same syntax
(show '(#e1.5 #x-1F #b101/11 1e2 .5 +i -i 1/2+1/3i 1.5@0 #i3/4))
; errors: radix and argument types
(define (try thunk)
  (guard (e ((error-object? e) (show 'error (error-object-message e) (error-object-irritants e))))
    (show (thunk))))
(try (lambda () (string->number "10" 3)))
(try (lambda () (string->number 10)))
(try (lambda () (number->string 10 7)))
(try (lambda () (number->string "10")))
(try (lambda () (number->string 1.5 'x)))
