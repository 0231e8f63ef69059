;; member and assoc with a predicate (R7RS 6.4): it is called as
;; (compare x element), with the key first; errors as before.
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (fails thunk) (guard (e (#t 'error)) (thunk) 'no-error))
(show (member 2.0 (list 1 2 3) =) (assoc 2.0 (list (list 1) (list 2) (list 3)) =)
      (member 5 (list 1 7 9) <) (assoc 'x '((y . 1)) eq?) (member 'a '() eq?))
(show (member "B" (list "a" "b" "c") string-ci=?) (assoc 3 '((1 . a) (4 . b)) <))
(show (fails (lambda () (member 1 '(2 . 3) =))) (fails (lambda () (assoc 1 '(2) =)))
      (fails (lambda () (member 1 '(1) (lambda (x) x)))))
