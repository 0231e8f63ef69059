; hand-written .out: R7RS 6.13.3 and 2.1: write's syntax for symbols (|a b|), characters (#\null, #\escape), strings and bytevectors (#u8), where Chez 9.5 writes a\x20;b, #\nul, #\esc, "\v", #vu8; display prints them raw.
(import (scheme base) (scheme write))

(define symbols
  (map string->symbol
       '("plain" "UPPER" "a b" "" "1" "1+" "+1" "+" "-" "..." "." ".." ".5" "+.5" "+.x"
         "-nan.0" "+inf.0" "->x" "@at" "at@" "a|b" "a\\b" "#hash" "hash#" "(paren)"
         "quote'" "semi;" "dq\"" "tab\t" "nl\n" "bell\a" "nul\x0;" "del\x7f;" "λ")))
(write symbols) (newline)
(display symbols) (newline)

(define chars
  (list #\a #\Z #\0 #\space #\newline #\tab #\return #\null #\alarm #\backspace
        #\delete #\escape #\x1 #\xb #\xc #\x1f #\x85 #\x2028 #\λ #\( #\\ #\" #\|))
(write chars) (newline)

(define strings
  (list "plain" "dq\"" "bs\\" "bar|" "tab\t" "nl\n" "cr\r" "bell\a" "bs\b" "vt\xb;"
        "ff\xc;" "nul\x0;" "esc\x1b;" "del\x7f;" "nel\x85;" "λ日😀"))
(write strings) (newline)

(write (list #u8() #u8(0 1 255) (bytevector 1 2) (make-bytevector 3 7))) (newline)
(display #u8(1 2 3)) (newline)

;; write-shared and write-simple use the same syntax.
(define sym (string->symbol "x y"))
(define bv (bytevector 4 5))
(define pair (list sym bv))
(write-shared (list pair pair)) (newline)
(write-simple (list pair pair)) (newline)
(write (list pair pair)) (newline)
