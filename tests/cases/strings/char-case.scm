; Single-character case mappings (R7RS: simple mappings, so #\ß stays #\ß).
(define (row c)
  (write (list c (char-upcase c) (char-downcase c) (char-foldcase c)))
  (newline))
(for-each row (list #\a #\A #\z #\1 #\space #\é #\É #\ß #\ÿ #\λ #\Λ #\σ #\ς #\Σ
                    #\ж #\Ж #\x1C4 #\x1C5 #\x1C6 #\x130 #\x131 #\x212A #\x1F80 #\日 #\😀))
(write (char-upcase (char-downcase #\Q)))
(newline)
