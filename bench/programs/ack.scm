;;; ack: Ackermann's function A(2, n) and A(3, n) (deep non-tail recursion with tiny frames).
(define (ack m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (else (ack (- m 1) (ack m (- n 1))))))

(define (column m from to)
  (let loop ((n from) (acc '()))
    (if (> n to)
        (reverse acc)
        (loop (+ n 1) (cons (ack m n) acc)))))

(display (apply + (column 2 200 600)))
(newline)
(display (column 3 1 11))
(newline)
