; A closure that refers to itself through letrec.
(define (factorial n)
  (letrec ((fact (lambda (k) (if (= k 0) 1 (* k (fact (- k 1)))))))
    (fact n)))

(display (factorial 10)) (newline)
(display (factorial 20)) (newline)

; the self-referencing closure also captures an outer variable
(define (count-down-by step)
  (letrec ((go (lambda (n acc)
                 (if (< n 0)
                     (reverse acc)
                     (go (- n step) (cons n acc))))))
    go))

(display ((count-down-by 3) 10 '())) (newline)
(display ((count-down-by 4) 20 '())) (newline)
