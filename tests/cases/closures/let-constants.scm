;; Variables bound to constants (numbers, characters, booleans, symbols,
;; '()) read as those constants everywhere, closures included; objects with
;; identity stay one object, and assigned variables stay variables.
(define (identity-kept)
  (let ((s "abc") (p (list 1 2)) (q '(1 2)) (v (vector 1)) (bv (bytevector 1)))
    (list (eq? s s) (eq? p p) (eq? q q) (eq? v v) (eq? bv bv))))
(display (identity-kept)) (newline)                       ; (#t #t #t #t #t)

(define (closure-over-constants)
  (define k 10)
  (define ch #\z)
  (define sym 'tag)
  (define none '())
  (define fl 0.25)
  (define yes #t)
  (lambda (x) (list (+ x k) ch sym none (* fl x) (and yes x))))
(display ((closure-over-constants) 4)) (newline)          ; (14 z tag () 1.0 4)

(define (assigned-stays)
  (let ((n 0))
    (define (bump!) (set! n (+ n 1)))
    (bump!)
    (bump!)
    n))
(display (assigned-stays)) (newline)                      ; 2

(define (shadowed)
  (let ((x 1))
    (let ((f (lambda () x)))
      (let ((x 2))
        (list x (f))))))
(display (shadowed)) (newline)                            ; (2 1)

(define (big-numbers)
  (let ((big 1000000000000000000000) (low -4611686018427387904) (r 2/3) (z 1+2i))
    (list (* big 2) (- low 1) (+ r 1/3) (* z z))))
(display (big-numbers)) (newline)        ; (2000000000000000000000 -4611686018427387905 1 -3+4i)

(define (eqv-of-constants)
  (let ((a 5) (b 5.0) (c #\x) (s 'sym))
    (list (eqv? a a) (eqv? b b) (eqv? c c) (eq? s s) (= a b) (eq? s 'sym))))
(display (eqv-of-constants)) (newline)                    ; (#t #t #t #t #t #t)

;; A constant divisor and a constant multiplier in a loop.
(define (lcg-sum n)
  (define m 2147483647)
  (define a 48271)
  (let loop ((i 0) (x 1) (sum 0))
    (if (= i n) sum (loop (+ i 1) (modulo (* x a) m) (+ sum (modulo x 1000))))))
(display (lcg-sum 100000)) (newline)                      ; 50040986

;; Closures made in a loop, each capturing a constant and the iteration's i.
(define (adders)
  (define base 100)
  (let loop ((i 0) (acc '()))
    (if (= i 3) (map (lambda (f) (f 1)) acc) (loop (+ i 1) (cons (lambda (x) (+ x base i)) acc)))))
(display (adders)) (newline)                              ; (103 102 101)
