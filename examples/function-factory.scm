;; Function factories: procedures that make procedures.
(define (make-multiplier factor)
  (lambda (x) (* x factor)))

(define (compose . fs)
  (if (null? fs)
      (lambda (x) x)
      (lambda (x) ((car fs) ((apply compose (cdr fs)) x)))))

(define double (make-multiplier 2))
(define triple (make-multiplier 3))
(display (map double '(1 2 3 4))) (newline)          ; (2 4 6 8)
(display (map triple '(1 2 3 4))) (newline)          ; (3 6 9 12)
(display ((compose double triple) 7)) (newline)      ; 42
