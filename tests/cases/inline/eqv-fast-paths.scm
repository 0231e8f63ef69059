;; eqv? compiled inline: a word compare against constants that are not
;; number objects, the runtime only for numbers in the heap. Each test is
;; made in value position and in test position, against constants and
;; against values that arrive through procedure calls.
(define (id x) x)
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (as-test b) (if b 'yes 'no))

;; Constants that are eq-comparable.
(define (classify x)
  (list (eqv? x 'a) (eqv? x 1) (eqv? x #\a) (eqv? x #t) (eqv? x '()) (eqv? x #f)
        (if (eqv? x 'a) 1 0) (if (eqv? 1 x) 1 0) (if (eqv? x #\a) 1 0)
        (if (eqv? x '()) 1 0) (if (eqv? #f x) 1 0)))
(for-each (lambda (x) (show (classify x)))
          (list 'a 'b 1 2 1.0 #\a #\b #t #f '() "a" (string->symbol "a") 'A))

;; Numbers in the heap: flonums, bignums, ratios, complex; NaN and -0.0.
(define big (id 100000000000000000000))
(define vals (list 1.5 (id 1.5) -0.0 0.0 (/ 0. 0.) (/ (id 0.) 0.) big (* big 1)
                   1/2 (/ 1 (id 2)) 2/4 (sqrt -4) (make-rectangular 0 2)
                   (make-rectangular 1.0 2.0) 1 1.0 (exact 1.0) #t #f (quote ()) #\a (quote sym)))
(for-each
 (lambda (x)
   (show (map (lambda (y) (eqv? x y)) vals)
         (map (lambda (y) (as-test (eqv? y x))) vals)))
 vals)
(show (eqv? (id 1.5) 1.5) (eqv? 0.0 (id -0.0)) (eqv? (id 100000000000000000000) 100000000000000000000)
      (eqv? (id 1/2) 1/2) (eqv? (id 2) 2.0) (eqv? (id 2.0) 2))
(show (if (eqv? (id 1.5) 1.5) 'y 'n) (if (eqv? (id 1/3) 1/3) 'y 'n) (if (eqv? (id 1/3) 1/4) 'y 'n))

;; Objects that are not numbers: compared by identity.
(define s (string #\x))
(define v (vector 1 2))
(define p (cons 1 2))
(show (eqv? s s) (eqv? s (string #\x)) (eqv? v v) (eqv? v (vector 1 2))
      (eqv? p p) (eqv? p (cons 1 2)) (eqv? 'sym (string->symbol "sym"))
      (eqv? "sym" 'sym) (eqv? 'sym "sym") (eqv? s 1.5) (eqv? 1.5 s)
      (eqv? car car) (eqv? (id car) cdr))
(show (as-test (eqv? (id s) s)) (as-test (eqv? s (string #\x))) (as-test (eqv? (id 'q) 'q)))

;; Conditionals in test position: and, or, nested if, let.
(define (f x y)
  (list (if (and (eqv? x 'a) (eqv? y 1)) 1 0)
        (if (or (eqv? x 'a) (eqv? y 1)) 1 0)
        (if (or x y) 1 0)
        (if (and x y) 1 0)
        (if (if x (eqv? y 1) (eqv? y 2)) 1 0)
        (if (let ((z (id y))) (eqv? z 2)) 1 0)
        (if (not (or (eqv? x 'a) (eqv? y 1))) 1 0)
        (if (and) 1 0) (if (or) 1 0)))
(for-each (lambda (args) (show (apply f args)))
          '((a 1) (a 2) (b 1) (b 2) (#f 2) (#f 1) (#f #f) (a #f)))
