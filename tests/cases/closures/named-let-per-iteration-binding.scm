; Each named-let iteration is a new call, hence a new binding per iteration.
(define closures
  (let loop ((i 0) (acc '()))
    (if (= i 6)
        (reverse acc)
        (loop (+ i 1) (cons (lambda (x) (+ x (* 10 i))) acc)))))

(display (map (lambda (f) (f 1)) closures)) (newline)
(display (length closures)) (newline)
(display ((list-ref closures 3) 0)) (newline)
