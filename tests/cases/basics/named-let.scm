; Named let: loops with accumulators, nested named lets, and the loop
; name used as a first-class procedure.
(display (let loop ((i 0) (acc '()))
           (if (= i 5) (reverse acc) (loop (+ i 1) (cons (* i i) acc)))))
(newline)
(display (let sum ((l '(1 2 3 4)) (total 0))
           (if (null? l) total (sum (cdr l) (+ total (car l))))))
(newline)
; nested named lets: multiplication table rows
(display (let outer ((i 1) (rows '()))
           (if (> i 3)
               (reverse rows)
               (outer (+ i 1)
                      (cons (let inner ((j 1) (row '()))
                              (if (> j 3) (reverse row) (inner (+ j 1) (cons (* i j) row))))
                            rows)))))
(newline)
; non-tail use of the loop name
(display (let count ((n 5)) (if (= n 0) '() (cons n (count (- n 1))))))
(newline)
(display (let loop () 'no-bindings)) (newline)
; the loop procedure can escape
(define f (let loop ((n 3)) (if (= n 0) loop (loop (- n 1)))))
(display (procedure? f)) (newline)
