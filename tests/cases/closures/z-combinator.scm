; The applicative-order Y combinator (Z combinator): recursion without define.
(define Z
  (lambda (f)
    ((lambda (x) (f (lambda (v) ((x x) v))))
     (lambda (x) (f (lambda (v) ((x x) v)))))))

(define fact
  (Z (lambda (self)
       (lambda (n) (if (= n 0) 1 (* n (self (- n 1))))))))

(define fib
  (Z (lambda (self)
       (lambda (n) (if (< n 2) n (+ (self (- n 1)) (self (- n 2))))))))

(display (fact 5)) (newline)
(display (fact 15)) (newline)
(display (map fib '(0 1 2 3 4 5 6 7 8 9 10 20))) (newline)

; a two-argument version via currying
(define len-acc
  (Z (lambda (self)
       (lambda (l)
         (lambda (acc)
           (if (null? l) acc ((self (cdr l)) (+ acc 1))))))))
(display ((len-acc '(a b c d e f g)) 0)) (newline)
