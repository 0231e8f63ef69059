(import (scheme base) (scheme char) (scheme write) (scheme cxr) (srfi 14))
; hand-written .out: from the Unicode Character Database 14.0.0 (UnicodeData.txt,
; PropList.txt, DerivedCoreProperties.txt), by R7RS 6.6's definitions of the
; predicates and SRFI 14's of the sets
;; Each R7RS character predicate against membership in the matching SRFI 14
;; standard set. char-numeric? and char-set:digit are both general category
;; Nd: they agree everywhere. char-whitespace? is the White_Space property,
;; char-set:whitespace SRFI 14's list (Zs Zl Zp, U+0009..U+000D): they differ
;; at U+0085 NEXT LINE alone. char-alphabetic? (property Alphabetic), char-upper-case?
;; (Uppercase) and char-lower-case? (Lowercase) hold for every member of
;; char-set:letter (L*), upper-case (Lu) and lower-case (Ll), and for more:
;; Nl letters, Other_Alphabetic marks, Other_Lowercase modifiers...
(define pairs
  (list (list 'alphabetic char-alphabetic? char-set:letter)
        (list 'numeric char-numeric? char-set:digit)
        (list 'whitespace char-whitespace? char-set:whitespace)
        (list 'upper-case char-upper-case? char-set:upper-case)
        (list 'lower-case char-lower-case? char-set:lower-case)))
;; One line per code point: each pair's predicate and membership, as 1 or 0.
(define (bit b) (if b 1 0))
(define (show n)
  (let ((c (integer->char n)))
    (write n)
    (for-each (lambda (p)
                (display " ") (display (car p)) (display " ")
                (display (bit ((cadr p) c)))
                (display (bit (char-set-contains? (caddr p) c))))
              pairs)
    (newline)))
(for-each show
  (list #x0 #x9 #xA #xD #x1C #x20 #x30 #x39 #x41 #x5A #x61 #x7A #x7F
        #x85    ; NEXT LINE: White_Space (a control character), not in SRFI 14's whitespace
        #xA0    ; no-break space
        #xAA    ; feminine ordinal: Lo, Lowercase (Other_Lowercase)
        #xB2    ; superscript two: No
        #xB5 #xC0 #xDF #xF7 #x130 #x131
        #x1C5   ; Dz with caron: Lt, neither Uppercase nor Lowercase
        #x2B0   ; modifier small h: Lm, Lowercase
        #x301   ; combining acute: Mn, not Alphabetic
        #x345   ; combining ypogegrammeni: Mn, Alphabetic and Lowercase
        #x391 #x3B1 #x3C2 #x3D2 #x5D0 #x627 #x660 #x669 #x6F0 #x966 #x9E6 #xE50
        #x1680  ; ogham space mark
        #x180E  ; Mongolian vowel separator: Cf since Unicode 6.3
        #x1F88  ; Greek title case with prosgegrammeni
        #x2000 #x200A #x200B #x2028 #x2029 #x202F #x205F
        #x2160  ; Roman numeral one: Nl, Alphabetic and Uppercase
        #x2170  ; small Roman numeral one: Nl, Alphabetic and Lowercase
        #x24B6  ; circled capital A: So, Alphabetic and Uppercase
        #x24D0  ; circled small a: So, Alphabetic and Lowercase
        #x3000 #x3042 #x4E2D #xA620 #xAC00 #xFF10 #xFF21 #xFF41
        #x10400 #x104A0 #x1D400 #x1D7CE #x1E900 #x1F130 #x1F600 #x20000
        #xE0041 #x10FFFF))
;; Over every 7th code point: the disagreements of each pair, as counts of
;; (predicate but not set) and (set but not predicate).
(define (count-disagreements pred set)
  (let loop ((n 0) (more 0) (fewer 0))
    (cond ((> n #x10FFFF) (list more fewer))
          ((and (>= n #xD800) (<= n #xDFFF)) (loop (+ n 7) more fewer))
          (else
           (let* ((c (integer->char n)) (p (pred c)) (s (char-set-contains? set c)))
             (loop (+ n 7)
                   (if (and p (not s)) (+ more 1) more)
                   (if (and s (not p)) (+ fewer 1) fewer)))))))
(for-each (lambda (p)
            (display (car p)) (display " ")
            (write (count-disagreements (cadr p) (caddr p)))
            (newline))
          pairs)
