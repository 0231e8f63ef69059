;; Builtins compiled inline with a fixnum or type fast path: their answers
;; on every kind of argument, and errors caught as error objects.
(define (id x) x)
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (fails thunk)
  (guard (e (#t 'error)) (thunk) 'no-error))

;; c[ad]+r on proper, improper and nested lists.
(define l (id '((1 2) (3 4 5) 6 7 . 8)))
(show (caar l) (cadr l) (cdar l) (cddr l) (caddr l) (cdddr l) (cadddr l)
      (caadr l) (cdadr l) (cddadr l) (caddar '((1 2 3))) (cddddr l))
(show (fails (lambda () (cadr (id '(1)))))
      (fails (lambda () (caddr (id '(1 2)))))
      (fails (lambda () (caar (id '(1)))))
      (fails (lambda () (cddddr l)))
      (fails (lambda () (cdr (cddddr l))))
      (fails (lambda () (cadr (id 5)))))

;; abs, min, max: fixnums, the most negative fixnum, flonums, ratios, bignums.
(define most-negative (- (- (expt 2 62)) 0))
(show (abs (id -7)) (abs (id 7)) (abs (id 0)) (abs most-negative) (abs (- most-negative 1))
      (abs (id -2.5)) (abs (id -0.0)) (abs (id -1/3)) (abs (id (- (expt 10 30)))))
(show (fails (lambda () (abs (id 'x)))) (fails (lambda () (abs (id (make-rectangular 1 2))))))
(show (max (id 1) 2) (max (id 2) 1) (min (id 1) 2) (min (id -3) -3) (max (id 1) 2.0) (min (id 1) 2.0)
      (max (id 1/2) 1/3) (min (id (expt 10 30)) 5) (max (id (expt 10 30)) 5) (max 3) (min 1 2 3) (max 1 5 3))
(show (fails (lambda () (max (id 1) 'a))) (fails (lambda () (min (id "s") 1))))
(show (nan? (max (id 1) (/ 0. 0.))))

;; zero?, odd?, even?
(show (map zero? (list 0 1 -1 0.0 -0.0 1/2 (expt 10 30)))
      (map (lambda (x) (zero? (id x))) (list 0 5 0.0))
      (map (lambda (x) (odd? (id x))) (list 0 1 -1 2 -3 3.0 4.0 (+ (expt 10 30) 1)))
      (map (lambda (x) (even? (id x))) (list 0 1 -1 2 -4 3.0 4.0 (expt 10 30))))
(show (fails (lambda () (zero? (id 'a)))) (fails (lambda () (odd? (id 1.5))))
      (fails (lambda () (even? (id 1/2)))) (fails (lambda () (odd? (id "1")))))

;; Type predicates on one value of every kind.
(define things (list 1 -1 1.5 (expt 10 30) 1/2 (make-rectangular 1 2) 'a "a" #\a #t #f '()
                     (cons 1 2) (vector 1) (bytevector 1) car (lambda (x) x) (eof-object)
                     (string->symbol "a") (make-string 2 #\b)))
(for-each (lambda (x)
            (show (number? x) (complex? x) (symbol? x) (string? x) (vector? x) (char? x)
                  (boolean? x) (if (number? x) 'n 'o) (if (symbol? x) 's 'o) (if (char? x) 'c 'o)))
          things)

;; vector-length
(show (vector-length (id (vector))) (vector-length (id (make-vector 1000 0)))
      (vector-length '#(1 2 3)) (fails (lambda () (vector-length (id "abc"))))
      (fails (lambda () (vector-length (id '(1 2))))))
