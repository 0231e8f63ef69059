;; apply of a case-lambda to a list whose length no clause accepts: the
;; arity error names the procedure and the counts it accepts, at the apply.
(define g (case-lambda ((a) a) ((a b c . r) r)))
(display (apply g '(1))) (newline)
(display (apply g '(1 2)))
