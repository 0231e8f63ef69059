; A trampoline: procedures return thunks (closures) instead of calling
; each other, and a driver loop bounces until a non-procedure result appears.
(define (trampoline r)
  (if (procedure? r) (trampoline (r)) r))

(define (t-even? n) (if (= n 0) #t (lambda () (t-odd? (- n 1)))))
(define (t-odd? n) (if (= n 0) #f (lambda () (t-even? (- n 1)))))

(display (trampoline (t-even? 100001))) (newline)
(display (trampoline (t-odd? 100001))) (newline)

(define (t-sum n acc)
  (if (= n 0) acc (lambda () (t-sum (- n 1) (+ acc n)))))
(display (trampoline (t-sum 1000000 0))) (newline)
