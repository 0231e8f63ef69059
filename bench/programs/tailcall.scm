;;; tailcall: proper tail calls (mutual recursion between top-level procedures, a state machine of three procedures, and a named let with four variables: 1e8 calls in all).

(define (my-even? n) (if (= n 0) #t (my-odd? (- n 1))))
(define (my-odd? n) (if (= n 0) #f (my-even? (- n 1))))

;; A three-state machine driven by the low bits of a counter.
(define (state-a n acc) (if (= n 0) acc (state-b (- n 1) (+ acc 1))))
(define (state-b n acc) (if (= n 0) acc (if (= (modulo n 3) 0) (state-c (- n 1) acc) (state-a (- n 1) (+ acc 2)))))
(define (state-c n acc) (if (= n 0) acc (state-a (- n 1) (- acc 1))))

(define (loop4 n)
  (let loop ((i 0) (a 0) (b 1) (c 2))
    (if (= i n)
        (+ a b c)
        (loop (+ i 1) b c (modulo (+ a b) 1000)))))

(display (list (my-even? 30000000) (my-odd? 30000001)
               (state-a 30000000 0)
               (loop4 20000000)))
(newline)
