; Accumulator generator: (foo n) returns a function that takes i and
; returns n incremented by i, keeping the running total.
(define (foo n)
  (lambda (i) (set! n (+ n i)) n))

(define acc (foo 10))
(acc 1)
(acc 2)
(display (acc 3)) (newline)
(define acc2 (foo 0))
(display (acc2 100)) (newline)
(display (acc -16)) (newline)

(define (run-all acc amounts)
  (let loop ((as amounts) (results '()))
    (if (null? as)
        (reverse results)
        (loop (cdr as) (cons (acc (car as)) results)))))
(display (run-all (foo 0) '(1 2 3 4 5 6 7 8 9 10))) (newline)
