; hand-written .out: R7RS 2.4: datum labels in program text (Chez 9.5 reads them too, but its write of shared non-cyclic data differs).
(import (scheme base) (scheme write) (scheme cxr))

;; A circular quoted literal.
(define ring '#0=(a b c . #0#))
(write ring) (newline)
(write (eq? ring (cdr (cddr ring)))) (newline)
(write (list (car ring) (cadr ring) (caddr ring) (car (cdr (cddr ring))))) (newline)

;; Shared, not circular: the same object twice; `write` uses no labels.
(define pair '(#1=(x y) #1# . #1#))
(write pair) (newline)
(write-shared pair) (newline)
(write (list (eq? (car pair) (cadr pair)) (eq? (car pair) (cddr pair)))) (newline)

;; A vector that contains itself, and a list inside it pointing back.
(define v '#2=#(1 #2# (x . #2#)))
(write v) (newline)
(write (list (eq? v (vector-ref v 1)) (eq? v (cdr (vector-ref v 2))))) (newline)

;; Vector literals need no quote.
(define w #(#3="s" #3#))
(write (eq? (vector-ref w 0) (vector-ref w 1))) (newline)

;; Labels nest; the inner one is circular too.
(define n '#4=(outer #5=(inner . #5#) #4#))
(write n) (newline)
(write (list (eq? n (caddr n)) (eq? (cadr n) (cdr (cadr n))))) (newline)

;; Outside a literal, a label is only a way of repeating text.
(write (list #6=(+ 1 2) #6# '#6#)) (newline)

;; Each literal is built once: the procedure returns the same object.
(define (get) '#7=(z . #7#))
(write (eq? (get) (get))) (newline)

;; Unreferenced labels are just their datum.
(write '(#8=a #9=(b))) (newline)

;; Comments and labels.
(write '(#10=(p) #;#11=(ignored) #| #12= |# #10#)) (newline)
