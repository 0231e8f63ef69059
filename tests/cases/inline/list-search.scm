;; memq, memv, assq, assv, member and assoc: word compares in line for keys
;; that are not heap numbers, the runtime for flonums, bignums, ratios and
;; complex numbers, and the same errors as before on improper lists.
(define (id x) x)
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (fails thunk) (guard (e (#t 'error)) (thunk) 'no-error))

(define big (* (id 100000000000000000000) 1))
(define l (list 1 'a #\a 2.5 big 1/2 "s" '() #f #t (make-rectangular 1 2) -0.0 (/ 0. 0.) 3))
(define keys (list 1 'a #\a 2.5 (* big 1) (/ 1 (id 2)) (string #\s) '() #f #t (make-rectangular 1 2)
                   -0.0 0.0 (/ 0. (id 0.)) 3 4 'b #\b 2 1.0 (string->symbol "a")))
(for-each (lambda (k)
            (show k (if (number? k) 'n (memq k l)) (memv k l) (member k l)
                  (if (memv k l) 'in 'out) (length (or (memv (id k) l) '()))))
          keys)

(define al (map (lambda (x) (cons x (if (number? x) 'num 'other))) l))
(for-each (lambda (k) (show (if (number? k) 'n (assq k al)) (assv k al) (assoc k al))) keys)

;; equal? on structures still compares structures.
(show (member (list 1 2) (list 'a (list 1 2) 'b)) (memv (list 1 2) (list 'a (list 1 2)))
      (assoc "b" (list (cons "a" 1) (cons "b" 2))) (assv (string #\b) (list (cons "a" 1) (cons "b" 2)))
      (member 2.0 (list 1 2 2.0)) (memv 2 (list 1.0 2.0 2)) (member 'c '(a b)))
(show (equal? (id 'a) 'a) (equal? (id 1) 1.0) (equal? (id "ab") "ab") (equal? (id #\a) #\a)
      (equal? (vector 1 2) (vector 1 2)) (equal? (id 1/2) 1/2) (equal? big (* big 1))
      (equal? (id car) car) (equal? (id '()) '()) (equal? (list 1) '(1)) (equal? 'a "a"))

;; Errors: improper lists, non-lists, elements of an alist that are not pairs.
(show (fails (lambda () (memq 'z (id '(a b . c)))))
      (fails (lambda () (memv 'z (id 5))))
      (fails (lambda () (memv 1.5 (id '(1 . 2)))))
      (fails (lambda () (assq 'z (id '((a . 1) b)))))
      (fails (lambda () (assv 2 (id '((1 . 1) 2)))))
      (fails (lambda () (assv 2.5 (id '((1 . 1) 2)))))
      (fails (lambda () (member 'z (id '(a . b)))))
      (fails (lambda () (assoc 'z (id '((a . 1) b))))))

;; Long lists: the search goes past the inline loop's step bound.
(define long (let loop ((i 0) (acc '())) (if (= i 5000) acc (loop (+ i 1) (cons i acc)))))
(show (length (memv 0 long)) (length (memq 2500 long)) (memv -1 long)
      (assv 10 (map (lambda (x) (cons x x)) long)))
