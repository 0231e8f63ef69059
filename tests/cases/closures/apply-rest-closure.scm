; apply on closures that take rest arguments.
(define (avg first . rest)
  (quotient (apply + first rest) (+ 1 (length rest))))
(display (apply avg '(10 20 30))) (newline)
(display (apply avg 1 '(2 3 4 5))) (newline)
(display (apply avg 7 '())) (newline)

(define (make-joiner sep)
  (lambda strs
    (if (null? strs)
        ""
        (let loop ((acc (car strs)) (rest (cdr strs)))
          (if (null? rest)
              acc
              (loop (string-append acc sep (car rest)) (cdr rest)))))))
(define comma-join (make-joiner ", "))
(write (apply comma-join '("a" "b" "c"))) (newline)
(write (apply comma-join "x" "y" '("z"))) (newline)
(write (apply comma-join '())) (newline)

(define (spread f) (lambda (l) (apply f l)))
(display ((spread max) '(3 1 4 1 5 9 2 6))) (newline)
(display ((spread list) '(1 2 3))) (newline)
(display (apply (lambda (a b . c) (list c b a)) 1 2 3 '(4 5))) (newline)
(display (apply apply list '(1 (2 3)))) (newline)
