; hand-written .out: R7RS 2 and 7.1, read by `read` (6.13.2) at run time; Chez 9.5 lacks #u8 and writes symbols differently.
(import (scheme base) (scheme write) (scheme read) (scheme cxr))

(define (show text)
  (let ((port (open-input-string text)))
    (let loop ((d (read port)) (acc '()))
      (if (eof-object? d)
          (begin (write (reverse acc)) (newline))
          (loop (read port) (cons d acc))))))

;; Booleans, numbers.
(show "#t #f #true #false #TRUE")
(show "42 -7 +5 1/2 -3/6 1.5 .5 -0.0 1e3 #x1F #b101 #o17 #e1.5 #i1/4 +inf.0 -nan.0 12345678901234567890")
;; Characters: single, named, hex; a name needs a letter first.
(show "#\\a #\\A #\\space #\\newline #\\tab #\\null #\\alarm #\\backspace #\\delete #\\escape #\\return #\\x41 #\\x3bb #\\x #\\( #\\)")
;; Strings with every escape, and a line continuation.
(show "\"a\\\"b\\\\c\\|d\\ae\\bf\\tg\\nh\\ri\\x41;j\\x3BB;\" \"one \\   \n     two\" \"\"")
;; Identifiers: plain, peculiar, |...| with escapes; case is kept.
(show "abc ABC x->y + - ... ->x +a .. a.b <=? λ |a b| || |\\x41;\\t\\|\\\\| |a\\nb| |1|")
;; Lists, dotted lists, vectors, bytevectors, brackets.
(show "(a b . c) (a . (b c)) () #(1 #(2) ()) #u8(0 255 #xff) #u8() [x y]")
;; Quote abbreviations.
(show "'a `(a ,b ,@c) '()")
;; Comments: line, nested block, datum.
(show "a ; rest of line\n b #| x #| nested |# y |# c #;(skipped datum) d #; #;e f g")
;; Directives: fold-case affects identifiers and character names, not |...| or strings.
(show "(#!fold-case ABC |XY| #\\SPACE \"STR\" #!no-fold-case ABC)")
;; Datum labels: sharing and cycles.
(define shared (read (open-input-string "(#0=(a) #0# #0#)")))
(write (list shared (eq? (car shared) (cadr shared)) (eq? (car shared) (caddr shared)))) (newline)
(define ring (read (open-input-string "#1=(1 2 . #1#)")))
(write ring) (newline)
(write (eq? ring (cddr ring))) (newline)
(define vec (read (open-input-string "#2=#(x #2# #u8(1))")))
(write vec) (newline)
(write (eq? vec (vector-ref vec 1))) (newline)
;; End of input.
(write (eof-object? (read (open-input-string "  ; nothing but a comment\n #| and another |# ")))) (newline)
