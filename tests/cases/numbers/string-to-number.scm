(define (show x) (write x) (newline))
(for-each (lambda (s) (show (string->number s)))
  '("1e3" ".5" "-1.5e-3" "+inf.0" "-inf.0" "+nan.0" "1/2" "abc" "#x1F" "1/0" "42" "-17" "+5"
    "1." "1E3" "1e+2" "-.5e1" "0.000" "12345678901234567890" "-6/4" "#e1.2e-3" "#i1/3" "#e1/2"
    "#i#x10" "#x#i10" "#x-1a" "#b101" "#o17" "#d99" "1e400" "1e-400" "" "-" "+" "." "1e" "e3"
    "#b102" "1/2/3" "1.5.5" "--1" "1 " " 1" "#e#x10" "#xAbC" "1/-2" "0/5"))
(show (string->number "FF" 16))
(show (string->number "ff" 16))
(show (string->number "-1010" 2))
(show (string->number "777" 8))
(show (string->number "1/2" 16))
(show (string->number "a/b" 16))
(show (string->number "+inf.0" 16))
(show (string->number "#d10" 16))
(show (string->number "12" 2))
(show (string->number "#x10" 2))
