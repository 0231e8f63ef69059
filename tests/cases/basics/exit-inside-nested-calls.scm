; exit called deep inside a recursion and a higher-order procedure.
(define (walk l)
  (for-each (lambda (x)
              (display x) (display " ")
              (when (= x 3) (newline) (exit 7)))
            l))
(define (recur n) (if (= n 0) (walk '(1 2 3 4 5)) (+ 1 (recur (- n 1)))))
(recur 100)
(display "never printed")
