;; R7RS custom ellipsis: (syntax-rules ELLIPSIS (literals) rules...).
;; Chez Scheme 9.5 lacks this R7RS feature, so the .out is written by hand:
;; ((1 ...) (2 ...)), then (1 2 3 ...) , 6, (a b) ... (c d).
(define-syntax quote-each
  (syntax-rules ::: ()
    ((_ a :::) (list '(a ...) :::))))
(display (quote-each 1 2)) (newline)
(define-syntax keep-dots
  (syntax-rules ::: ()
    ((_ x :::) '(x ::: ...))))
(display (keep-dots 1 2 3)) (newline)
(define-syntax def-summer
  (syntax-rules ()
    ((_ name)
     (define-syntax name
       (syntax-rules ::: ()
         ((_ x :::) (+ x :::)))))))
(def-summer sum)
(display (sum 1 2 3)) (newline)
(define-syntax pairs
  (syntax-rules *** ()
    ((_ (a b) ***) '((a b) *** ... (b a) ***))))
(display (pairs (a b) (c d))) (newline)
