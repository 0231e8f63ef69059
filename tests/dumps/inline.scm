; fib calls itself twice (tree recursion): each call is unrolled one level,
; and the calls left get fib's quick exit (its test and `n` arm) in front.
; square is small: its call is replaced by its body. count-down's tail call
; to itself stays a call (codegen makes it a loop); as a linear recursion it
; gets no quick exit.
(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))
(define (square x) (* x x))
(define (count-down n) (if (= n 0) 'done (count-down (- n 1))))
(display (square (fib 10)))
(display (count-down 5))
; A named-let tree walk gets quick exits at its calls to itself (a letrec
; lambda is never copied whole).
(define (leaves t) (let walk ((t t)) (if (pair? t) (+ (walk (car t)) (walk (cdr t))) 1)))
(display (leaves '(1 (2 3))))
