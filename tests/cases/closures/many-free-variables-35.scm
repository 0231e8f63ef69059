; A closure with 35 free variables, some of which are mutated through
; the closure, plus one captured procedure.
(define (make-env)
  (define b1 1) (define b2 2) (define b3 3) (define b4 4) (define b5 5)
  (define b6 6) (define b7 7) (define b8 8) (define b9 9) (define b10 10)
  (define b11 11) (define b12 12) (define b13 13) (define b14 14) (define b15 15)
  (define b16 16) (define b17 17) (define b18 18) (define b19 19) (define b20 20)
  (define b21 21) (define b22 22) (define b23 23) (define b24 24) (define b25 25)
  (define b26 26) (define b27 27) (define b28 28) (define b29 29) (define b30 30)
  (define b31 31) (define b32 32) (define b33 33) (define b34 'sym) (define b35 "str")
  (define (sum)
    (+ b1 b2 b3 b4 b5 b6 b7 b8 b9 b10 b11 b12 b13 b14 b15 b16 b17 b18 b19 b20
       b21 b22 b23 b24 b25 b26 b27 b28 b29 b30 b31 b32 b33))
  (lambda (msg)
    (cond ((eq? msg 'sum) (sum))
          ((eq? msg 'bump)
           (set! b1 (+ b1 100))
           (set! b33 (+ b33 1000))
           (set! b17 0)
           'bumped)
          ((eq? msg 'tags) (list b34 b35 b1 b17 b33))
          (else (list b1 b2 b3 b4 b5 b6 b7 b8 b9 b10 b11 b12 b13 b14 b15 b16 b17
                      b18 b19 b20 b21 b22 b23 b24 b25 b26 b27 b28 b29 b30 b31
                      b32 b33 b34 b35)))))

(define e (make-env))
(display (e 'sum)) (newline)
(display (e 'tags)) (newline)
(display (e 'bump)) (newline)
(display (e 'sum)) (newline)
(write (e 'tags)) (newline)
(write (e 'all)) (newline)
(define e2 (make-env))
(display (e2 'sum)) (newline)
