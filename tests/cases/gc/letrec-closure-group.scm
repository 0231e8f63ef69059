; Mutually recursive closures made together (one closure group) over fresh
; data, many times, with collections between the allocations.
(define (make-pair-walkers data)
  (letrec ((walk-even (lambda (l acc) (if (null? l) acc (walk-odd (cdr l) (+ acc (car l))))))
           (walk-odd (lambda (l acc) (if (null? l) acc (walk-even (cdr l) acc))))
           (keep data))
    (lambda () (walk-even keep 0))))
(define (go n acc)
  (if (= n 0) acc (go (- n 1) (+ acc ((make-pair-walkers (list n 1 n 1 n)))))))
(display (go 200000 0))
(newline)
