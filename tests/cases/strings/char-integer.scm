; char->integer / integer->char over the whole code-point range, and how
; write prints characters (named, raw, or #\x escapes as Chez does).
(write (map char->integer (list #\nul #\a #\λ #\日 #\😀 #\x10FFFF)))
(newline)
(write (map integer->char (list 0 7 8 9 10 13 27 32 127 65 955 26085 128512)))
(newline)
(write (list (integer->char #x85) (integer->char #x2028) (integer->char #x1)
             (integer->char #xD7FF) (integer->char #xE000)))
(newline)
(display (list #\a #\λ #\space #\x41))
(newline)
(write (let loop ((i 0) (ok #t))
         (if (= i #x110000)
             ok
             (loop (+ i (if (= i #xD7FF) #x801 1))
                   (and ok (= i (char->integer (integer->char i))))))))
(newline)
