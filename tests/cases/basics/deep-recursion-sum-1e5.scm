; Moderately deep non-tail recursion through several procedures.
(define (sum-to n) (if (= n 0) 0 (+ n (sum-to (- n 1)))))
(display (sum-to 100000)) (newline)
(define (count-nodes tree)
  (cond ((null? tree) 0)
        ((pair? tree) (+ (count-nodes (car tree)) (count-nodes (cdr tree))))
        (else 1)))
(define (nest n) (if (= n 0) '() (list n (nest (- n 1)))))
(display (count-nodes (nest 50000))) (newline)
