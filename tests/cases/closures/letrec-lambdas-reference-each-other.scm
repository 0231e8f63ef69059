; letrec where several lambdas reference each other: a tiny tokenizer
; that classifies a list of symbols with a set of mutually recursive states.
(define (run-machine input)
  (letrec ((start
            (lambda (in out)
              (cond ((null? in) (reverse out))
                    ((number? (car in)) (in-number (cdr in) (cons (car in) '()) out))
                    (else (start (cdr in) (cons (list 'sym (car in)) out))))))
           (in-number
            (lambda (in digits out)
              (if (and (pair? in) (number? (car in)))
                  (in-number (cdr in) (cons (car in) digits) out)
                  (start in (cons (cons 'num (reverse digits)) out)))))
           (unused (lambda () (start '() '()))))
    (start input '())))

(display (run-machine '(a 1 2 3 b c 4 d 5 6))) (newline)
(display (run-machine '())) (newline)
(display (run-machine '(1 2))) (newline)

; letrec binding a procedure and a data structure holding procedures
(define (even-odd-table)
  (letrec ((e? (lambda (n) (if (= n 0) #t ((cdr (assq 'odd table)) (- n 1)))))
           (o? (lambda (n) (if (= n 0) #f ((cdr (assq 'even table)) (- n 1)))))
           (table (list (cons 'even (lambda (n) (e? n)))
                        (cons 'odd (lambda (n) (o? n))))))
    table))
(define t (even-odd-table))
(display ((cdr (assq 'even t)) 10)) (newline)
(display ((cdr (assq 'odd t)) 10)) (newline)
