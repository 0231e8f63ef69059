; Mutual recursion through internal defines.
(define (check n)
  (define (my-even? k) (if (= k 0) #t (my-odd? (- k 1))))
  (define (my-odd? k) (if (= k 0) #f (my-even? (- k 1))))
  (list n (my-even? n) (my-odd? n)))

(display (check 0)) (newline)
(display (check 7)) (newline)
(display (check 10)) (newline)
(display (check 12345)) (newline)

; internal defines that capture a parameter of the enclosing procedure
(define (make-classifier limit)
  (define (small? x) (< x limit))
  (define (classify x) (if (small? x) 'small 'big))
  classify)
(define c (make-classifier 10))
(display (map c '(1 9 10 11 -3))) (newline)
