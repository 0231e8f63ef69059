; Character classification on ASCII, Latin-1, Greek, Cyrillic and CJK.
(define (show-class name pred chars)
  (display name)
  (display ":")
  (for-each (lambda (c) (display " ") (display (if (pred c) 1 0))) chars)
  (newline))
(define sample
  (list #\a #\Z #\5 #\space #\tab #\newline #\_ #\é #\Ä #\ß #\λ #\Λ #\ж #\Ж
        #\日 #\x3000 #\xA0 #\x2003 #\x664 #\xFF15 #\😀 #\x300))
(show-class "alphabetic" char-alphabetic? sample)
(show-class "numeric" char-numeric? sample)
(show-class "whitespace" char-whitespace? sample)
(show-class "upper-case" char-upper-case? sample)
(show-class "lower-case" char-lower-case? sample)
(write (map char? (list #\a "a" 'a 97 #\x0)))
(newline)
