;; A case-lambda without clauses accepts no argument count.
(define none (case-lambda))
(display (procedure? none)) (newline)
(none)
