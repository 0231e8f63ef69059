; A named-let loop of 100,000,000 iterations must run in constant stack space.
(define (count-up n)
  (let loop ((i 0) (acc 0))
    (if (= i n)
        acc
        (loop (+ i 1) (+ acc (remainder i 3))))))
(display (count-up 100000000)) (newline)
