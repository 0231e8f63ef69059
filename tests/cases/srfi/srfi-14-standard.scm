(import (scheme base) (scheme char) (scheme write) (srfi 14))
; hand-written .out: SRFI 14 is not in Chez; expected values from the SRFI 14 text (its Unicode definitions: general categories)
;; SRFI 14's standard sets over full Unicode, sampled at code points of
;; several scripts.
(define-syntax check
  (syntax-rules ()
    ((_ e) (begin (write 'e) (display " => ") (write e) (newline)))))
(define sets
  (list (cons 'lower-case char-set:lower-case) (cons 'upper-case char-set:upper-case)
        (cons 'title-case char-set:title-case) (cons 'letter char-set:letter)
        (cons 'digit char-set:digit) (cons 'letter+digit char-set:letter+digit)
        (cons 'graphic char-set:graphic) (cons 'printing char-set:printing)
        (cons 'whitespace char-set:whitespace) (cons 'iso-control char-set:iso-control)
        (cons 'punctuation char-set:punctuation) (cons 'symbol char-set:symbol)
        (cons 'hex-digit char-set:hex-digit) (cons 'blank char-set:blank)
        (cons 'ascii char-set:ascii) (cons 'empty char-set:empty) (cons 'full char-set:full)))
;; Which standard sets hold the character with code point n.
(define (member-of n)
  (let ((c (integer->char n)))
    (let loop ((l sets) (acc '()))
      (cond ((null? l) (reverse acc))
            ((char-set-contains? (cdr (car l)) c) (loop (cdr l) (cons (car (car l)) acc)))
            (else (loop (cdr l) acc))))))
(define (show n) (write n) (display " ") (write (member-of n)) (newline))
(for-each show
  (list #x41    ; A: Latin capital
        #x61    ; a
        #x30    ; 0
        #x20    ; space
        #x9     ; tab
        #xA     ; newline
        #x0     ; NUL
        #x7F    ; DEL
        #x85    ; NEL: a control character; White_Space, but not in SRFI 14's whitespace list
        #xA0    ; no-break space (Zs)
        #x21    ; !
        #x2B    ; + (Sm)
        #x24    ; $ (Sc)
        #x5E    ; ^ (Sk)
        #xA9    ; copyright sign (So)
        #xDF    ; sharp s (Ll)
        #xC0    ; A grave (Lu)
        #x391   ; Greek capital alpha
        #x3B1   ; Greek small alpha
        #x3C2   ; final sigma
        #x1C5   ; Dz with caron: title case (Lt)
        #x1F88  ; Greek title-case with prosgegrammeni
        #x4E2D  ; CJK ideograph (Lo)
        #x3042  ; Hiragana a (Lo)
        #x2160  ; Roman numeral one (Nl): graphic, not a digit
        #x660   ; Arabic-Indic digit zero (Nd)
        #x966   ; Devanagari digit zero (Nd)
        #xFF10  ; fullwidth digit zero (Nd)
        #x1D7CE ; mathematical bold digit zero (Nd)
        #xB2    ; superscript two (No): graphic, not a digit
        #x301   ; combining acute (Mn): graphic
        #x2028  ; line separator (Zl)
        #x2029  ; paragraph separator (Zp)
        #x3000  ; ideographic space (Zs)
        #x200B  ; zero width space (Cf): none but full
        #x2014  ; em dash (Pd)
        #xAB    ; left guillemet (Pi)
        #x20AC  ; euro sign (Sc)
        #x1F600 ; emoji (So)
        #xE000  ; private use (Co)
        #x10FFFF)) ; noncharacter
;; Sizes of the sets that do not depend on the Unicode version.
(check (char-set-size char-set:ascii))
(check (char-set-size char-set:hex-digit))
(check (char-set-size char-set:iso-control))
(check (char-set-size char-set:empty))
(check (char-set-size char-set:full))
(define (s-list l) (list->string l))
(check (s-list (char-set->list char-set:hex-digit)))
;; Every digit's digit-value is a number from 0 to 9.
(check (char-set-every (lambda (c) (let ((v (digit-value c))) (and v (<= 0 v 9)))) char-set:digit))
;; Letters and digits agree with the R7RS predicates on Latin-1.
(define latin-1 (ucs-range->char-set 0 256))
(check (char-set= (char-set-intersection char-set:digit latin-1) (char-set-filter char-numeric? latin-1)))
(check (char-set->string (char-set-intersection char-set:whitespace char-set:ascii)))
(check (char-set->string (char-set-intersection char-set:blank latin-1)))
(check (char-set->string (char-set-intersection char-set:punctuation char-set:ascii)))
(check (char-set->string (char-set-intersection char-set:symbol char-set:ascii)))
