; hand-written .out (Chez 9.5 lacks the R7RS ranges of string-copy, string-fill!, string->list; every line checked against the R7RS text)
; Strings of Latin-1 text, strings with wider characters, and narrow strings
; that receive wider characters later: every procedure sees the same
; characters whatever the storage.
(define (show . xs) (for-each write xs) (newline))

(define narrow (string-copy "caf\xe9; au lait"))
(define wide (string-copy "λx → y 😀"))
(define widened (string-copy "abc"))
(define alias widened)
(string-set! widened 1 #\λ)
(show widened (string-length widened) (string-ref widened 1) (eq? alias widened))
(string-set! widened 1 #\b)
(show widened (string=? widened "abc") (equal? widened "abc") (eq? alias widened))
(string-set! widened 2 #\x1F600)
(show widened (string-ref widened 2) (string-length widened))

; string-ref and string-length across widths
(show (string-length narrow) (string-ref narrow 3) (string-length wide) (string-ref wide 7))

; comparisons across widths
(define abc-wide (string-copy "ab\x100;"))
(string-set! abc-wide 2 #\c)
(show (string=? abc-wide "abc") (string=? "abc" abc-wide "abc") (string<? "abb" abc-wide)
      (string<? abc-wide "abd") (string>? abc-wide "ab") (string<=? abc-wide "abc")
      (string>=? "abc" abc-wide) (string<? "\xff;" "\x100;") (string<? "\x100;" "\xff;"))
(show (string-ci=? "STRASSE" "stra\xdf;e") (string-ci=? abc-wide "ABC") (string-ci<? "λ" "Μ"))

; substring, string-append, string-copy mixing widths
(show (substring wide 0 2) (substring wide 2 5) (substring narrow 0 4))
(show (string-append narrow "/" wide) (string-append "" "") (string-append abc-wide narrow))
(show (string-copy wide 7) (string-copy narrow 5 7) (string-copy abc-wide 1))

; string-copy! across widths, and onto itself (overlapping ranges)
(define dst (make-string 6 #\-))
(string-copy! dst 1 wide 0 3)
(show dst)
(string-copy! dst 0 "xyz")
(show dst)
(define overlap (string-copy "abcdefgh"))
(string-copy! overlap 2 overlap 0 5)
(show overlap)
(define overlap-wide (string-copy "αβγδεζ"))
(string-copy! overlap-wide 0 overlap-wide 2 6)
(show overlap-wide)

; string-fill!, whole and in a range, with a wider character
(define filled (make-string 5 #\a))
(string-fill! filled #\Ω 1 3)
(show filled)
(string-fill! filled #\z)
(show filled (string=? filled "zzzzz"))
(show (make-string 3 #\☃) (make-string 2 #\xff) (make-string 0 #\λ))

; conversions
(show (string->list widened) (string->list wide 6) (list->string (list #\a #\λ #\xff)))
(show (string->vector abc-wide) (vector->string (vector #\x1F600 #\b)) (string #\é #\ł))
(show (string-upcase "stra\xdf;e λ") (string-downcase "ÀΣ") (string-foldcase "ΣAß"))
(show (string->utf8 abc-wide) (string->utf8 widened 1) (utf8->string (bytevector 206 187 97)))
(show (string->number (string-copy "12")) (string->number wide))
(show (string-map char-upcase widened) (string-map (lambda (c) #\λ) "ab"))
(string-for-each (lambda (c) (write (char->integer c)) (display " ")) abc-wide)
(newline)

; symbols: the same characters are the same symbol, whatever the storage
(show (eq? (string->symbol abc-wide) 'abc) (eq? (string->symbol (string-copy "λ")) 'λ)
      (symbol->string 'λx) (string=? (symbol->string 'abc) abc-wide))

; string ports: narrow text then wider characters in one port
(define out (open-output-string))
(write-string "plain " out)
(write-char #\λ out)
(write-string wide out 6 8)
(write 'x out)
(show (get-output-string out))
(define in (open-input-string widened))
(show (read-char in) (peek-char in) (read-char in) (read-char in) (eof-object? (read-char in)))
(define in2 (open-input-string (string-append "(1 \"λ\" " narrow ")")))
(show (read in2))

; printing: display and write of every width, a character above U+FFFF
(display widened) (newline)
(display narrow) (newline)
(write (string #\a #\x1F600 #\newline #\")) (newline)
(write (string-copy "\x0; \x7f;")) (newline)
