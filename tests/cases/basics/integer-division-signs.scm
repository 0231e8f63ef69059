; quotient, remainder and modulo over every sign combination, divisor -1,
; and the most negative and positive fixnums (kept within 61 bits).
(define (show . xs) (for-each (lambda (x) (display x) (display " ")) xs) (newline))
(for-each
 (lambda (pair)
   (let ((a (car pair)) (b (cdr pair)))
     (show a b (quotient a b) (remainder a b) (modulo a b))))
 '((17 . 5) (-17 . 5) (17 . -5) (-17 . -5) (0 . 3) (5 . 17) (-5 . 17)
   (7 . -1) (-7 . -1) (12 . 4) (-12 . 4) (1 . 1)
   (1152921504606846975 . 7) (-1152921504606846976 . 7)
   (-1152921504606846976 . -1)))
