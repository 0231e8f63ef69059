; Hand-written .out: Chez 9.5 has no `features`.
(define fs (features))
(write (list? fs)) (newline)
(write (and (memq 'r7rs fs) #t)) (newline)
(write (and (memq 'closc fs) #t)) (newline)
(write (let loop ((l fs)) (or (null? l) (and (symbol? (car l)) (loop (cdr l)))))) (newline)
