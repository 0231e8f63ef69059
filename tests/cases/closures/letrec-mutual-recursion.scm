; Mutually recursive closures bound with letrec.
(define (parity n)
  (letrec ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1)))))
           (od? (lambda (n) (if (= n 0) #f (ev? (- n 1))))))
    (if (ev? n) 'even 'odd)))

(display (map parity '(0 1 2 3 10 11 1001))) (newline)

; three-way mutual recursion: a tiny state machine counting mod 3
(define (mod3 n)
  (letrec ((s0 (lambda (k) (if (= k 0) 0 (s1 (- k 1)))))
           (s1 (lambda (k) (if (= k 0) 1 (s2 (- k 1)))))
           (s2 (lambda (k) (if (= k 0) 2 (s0 (- k 1))))))
    (s0 n)))
(display (map mod3 '(0 1 2 3 4 5 100 1000))) (newline)
(display (mod3 100000)) (newline)
