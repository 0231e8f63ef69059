; Closures stored in a list and called from there.
(define ops
  (list (lambda (x) (+ x 1))
        (lambda (x) (* x 2))
        (lambda (x) (- x 3))
        (lambda (x) (* x x))))

(display (map (lambda (op) (op 5)) ops)) (newline)
(display ((car ops) 10)) (newline)
(display ((cadr ops) 10)) (newline)
(display ((list-ref ops 3) 10)) (newline)

; apply all of them in sequence
(define (pipeline fs x)
  (if (null? fs) x (pipeline (cdr fs) ((car fs) x))))
(display (pipeline ops 5)) (newline)
(display (pipeline (reverse ops) 5)) (newline)

; association list of named closures
(define table
  (list (cons 'double (lambda (x) (* 2 x)))
        (cons 'negate (lambda (x) (- x)))))
(display ((cdr (assq 'negate table)) 17)) (newline)
(display ((cdr (assq 'double table)) 17)) (newline)
