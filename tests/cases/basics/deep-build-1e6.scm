; Deep non-tail recursion: build a list of 1,000,000 elements recursively.
(define (build n)
  (if (= n 0)
      '()
      (cons n (build (- n 1)))))
(define big (build 1000000))
(display (length big)) (newline)
(display (car big)) (newline)
(display (list-ref big 999999)) (newline)
