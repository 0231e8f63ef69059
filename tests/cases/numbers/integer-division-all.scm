;; R7RS 6.2.6 integer division: floor/ and truncate/ and their four
;; procedures, with variable and literal divisors of both signs (compiled
;; inline on fixnums), and the cases the inline code leaves to the runtime.
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (both f n d) (call-with-values (lambda () (f n d)) list))
(define pairs '((5 2) (-5 2) (5 -2) (-5 -2) (0 3) (7 7) (-7 7) (6 -3) (1 1000) (-1 1000)))
(for-each (lambda (p) (show p (both floor/ (car p) (cadr p)) (both truncate/ (car p) (cadr p)))) pairs)
(define (by-literals n)
  (list (floor-quotient n 4) (floor-remainder n 4) (floor-quotient n -4) (floor-remainder n -4)
        (truncate-quotient n 4) (truncate-remainder n 4) (truncate-quotient n -4) (truncate-remainder n -4)))
(for-each (lambda (n) (show n (by-literals n))) '(0 1 3 4 5 -1 -3 -4 -5 17 -17))
(define (vars n d) (list (floor-quotient n d) (floor-remainder n d) (truncate-quotient n d) (truncate-remainder n d)))
(show (vars -4611686018427387904 -1))                  ; the least fixnum by -1: a bignum quotient
(show (vars 4611686018427387903 2) (vars -4611686018427387904 3))
(show (vars 100000000000000000000 7) (vars -100000000000000000000 7) (vars 7 100000000000000000000))
(show (vars -5.0 2) (vars 5 -2.0) (vars 12.0 4.0))
(show (both floor/ -5.0 2) (both truncate/ -5.0 2))
;; The four agree with quotient, remainder and modulo, and with the identity n = d*q + r.
(define (check n d)
  (and (= (truncate-quotient n d) (quotient n d))
       (= (truncate-remainder n d) (remainder n d))
       (= (floor-remainder n d) (modulo n d))
       (= n (+ (* d (floor-quotient n d)) (floor-remainder n d)))
       (= (floor-quotient n d) (floor (/ n d)))))
(show (let loop ((n -50) (ok #t)) (if (> n 50) ok (loop (+ n 1) (and ok (check n 7) (check n -7) (check n 3) (check n -1))))))
(define (guarded thunk) (guard (e ((error-object? e) (error-object-message e))) (thunk)))
(show (guarded (lambda () (floor-quotient 5 0))) (guarded (lambda () (floor-remainder 5 0))))
(show (guarded (lambda () (truncate-quotient 5 0))) (guarded (lambda () (truncate-remainder 5 0))))
(show (guarded (lambda () (floor-quotient 5.5 2))) (guarded (lambda () (truncate-remainder 'x 2))))
