; Vectors and strings allocated in a loop; each iteration keeps only numbers.
(define (go n acc)
  (if (= n 0)
      acc
      (let ((v (make-vector 50 n))
            (s (string-append "abc" (number->string n) "xyz")))
        (vector-set! v 3 (string-length s))
        (go (- n 1) (+ acc (vector-ref v 3) (vector-ref v 49))))))
(display (go 100000 0))
(newline)
