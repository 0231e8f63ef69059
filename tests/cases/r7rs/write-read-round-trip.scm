; hand-written .out: R7RS 6.13.3: `write`'s output, read back with `read`, is equal? to the datum (Chez 9.5 writes #vu8 and a\x20;b).
(import (scheme base) (scheme write) (scheme read) (scheme cxr))

(define (written x)
  (let ((port (open-output-string)))
    (write x port)
    (get-output-string port)))

(define (round-trip x)
  (read (open-input-string (written x))))

;; Each datum: its written text, then whether it reads back equal?.
(define (check x)
  (display (written x))
  (display " => ")
  (write (equal? x (round-trip x)))
  (newline))

(define everything
  (list 1/3 -7/2 12345678901234567890123 -98765432109876543210/7 1.5 -0.25 -0.0 1e100
        +inf.0 -inf.0 #t #f '() 0 -42
        #u8(0 1 127 255) #u8() (bytevector 9 8)
        (string->symbol "a b") (string->symbol "") (string->symbol "1")
        (string->symbol "+1") (string->symbol "-1.5") (string->symbol ".5")
        (string->symbol "+inf.0") (string->symbol ".")
        (string->symbol "|") (string->symbol "a\\b") (string->symbol "#x")
        (string->symbol "a(b)c") (string->symbol "semi;colon") (string->symbol "q'uote")
        (string->symbol "tab\there") (string->symbol "new\nline")
        'ABC 'x->y '... '+ '- '->x '+a '.. 'a.b '<=? 'λ
        #\a #\A #\space #\newline #\tab #\null #\alarm #\backspace #\delete #\escape
        #\return #\x1 #\xb #\xc #\x7f #\λ #\( #\) #\; #\" #\\ #\| #\#
        "plain" "quote\" backslash\\ bar| newline\n tab\t cr\r bell\a bs\b"
        "nul\x0; esc\x1b; vt\xb; ff\xc; del\x7f; λ" ""
        '(a (b (c #(d #(e) ()))) . f) (vector 1 "two" #\3 'four (list 5)) '#() '#(#())
        '(quote x) ''y '`(a ,b ,@c)))

(for-each check everything)
(check everything)

;; Cycles: `write` labels them; `read` rebuilds the same shape.
(define c (list 1 2 3))
(set-cdr! (cddr c) c)
(define c2 (round-trip c))
(display (written c)) (newline)
(write (list (car c2) (cadr c2) (caddr c2) (eq? (cdr (cddr c2)) c2))) (newline)

(define v (vector 'a #f (list 'b)))
(vector-set! v 1 v)
(set-cdr! (vector-ref v 2) (list v))
(define v2 (round-trip v))
(display (written v)) (newline)
(write (list (vector-ref v2 0) (eq? (vector-ref v2 1) v2)
             (car (vector-ref v2 2)) (eq? (cadr (vector-ref v2 2)) v2)))
(newline)

;; A cycle inside a datum of every type.
(define big (list everything c))
(define big2 (round-trip big))
(write (equal? (car big2) everything)) (newline)
(write (eq? (cdr (cddr (cadr big2))) (cadr big2))) (newline)
