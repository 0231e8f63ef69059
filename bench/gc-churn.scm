;; GC acceptance: 1.5*10^8 iterations, each allocating a closure record
;; (4 words) and two pairs (3 words each): 12 GB in total, with a live set of
;; a few words. Peak RSS must stay far below 64 MiB.
(define (make-adder k) (lambda (x) (+ x k)))
(define (churn i acc)
  (if (= i 150000000)
      acc
      (let ((p (cons i acc))
            (q (cons acc i)))
        (churn (+ i 1) (remainder ((make-adder (car p)) (car q)) 1000003)))))
(display (churn 0 0))
(newline)
