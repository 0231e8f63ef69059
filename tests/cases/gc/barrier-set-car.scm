; Old->young pointers made by set-car!/set-cdr! after the old object was
; promoted (the classic write-barrier bug): the young objects must survive.
(define (churn n) (if (= n 0) 'done (begin (cons n n) (churn (- n 1)))))
(define old (list 1 2 3 4 5))
(churn 1000000)                      ; old is promoted by now
(set-car! old (list 'young 'car))
(set-cdr! (cddr old) (list 'young 'tail (vector 1 2 3)))
(churn 1000000)                      ; the young lists would be lost without a barrier
(write old)
(newline)
