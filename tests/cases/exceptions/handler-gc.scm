; Many raises caught in a loop, allocating in handlers and bodies, and
; errors from builtins inside deep recursion caught at the top.
(define (safe-car x) (guard (e (#t (list (quote bad) x))) (car x)))
(define (loop i acc)
  (if (= i 0) acc
      (loop (- i 1) (cons (safe-car (if (even? i) (list i) i)) acc))))
(define r (loop 2000 '()))
(display (length r))
(newline)
(display (list (car r) (cadr r) (list-ref r 1999)))
(newline)
(define (deep n) (if (= n 0) (vector-ref (make-vector 2 0) 5) (+ 1 (deep (- n 1)))))
(display (guard (e (#t 'caught-deep)) (deep 100000)))
(newline)
(define total 0)
(do ((i 0 (+ i 1))) ((= i 1000))
  (set! total (+ total (with-exception-handler (lambda (c) (* c 2)) (lambda () (raise-continuable i))))))
(display total)
(newline)
