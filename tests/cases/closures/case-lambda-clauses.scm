;; case-lambda (R7RS 4.2.9): the first clause whose formals agree with the
;; arguments runs, its variables bound to fresh locations, in the lexical
;; scope of the case-lambda; what the body returns is the call's result.

;; R7RS's example.
(define range
  (case-lambda
    ((e) (range 0 e))
    ((b e) (do ((r '() (cons e r))
                (e (- e 1) (- e 1)))
               ((< e b) r)))))
(display (list (range 3) (range 3 5))) (newline)

;; Agreement as for lambda formals: every count from 0 to 6 against fixed
;; clauses and rest clauses of 0, 1 and 2 required parameters.
(define (show-all f)
  (display (list (f) (f 'a) (f 'a 'b) (f 'a 'b 'c) (f 'a 'b 'c 'd)
                 (f 'a 'b 'c 'd 'e) (f 'a 'b 'c 'd 'e 'f)))
  (newline))
(show-all (case-lambda (() 'zero) ((a b) (list 'two a b)) ((a b . r) (list 'two+ a b r))
                       ((a . r) (list 'one+ a r))))
(show-all (case-lambda (r (list 'all r))))
(show-all (case-lambda ((a) 'one) (r (list 'other r))))

;; The first agreeing clause wins, even when a later one is more specific.
(define first-wins (case-lambda ((a . r) (list 'rest a r)) ((a b) 'never) (() 'none)))
(display (list (first-wins) (first-wins 1) (first-wins 1 2))) (newline)

;; The same through apply, with spread arguments and empty lists.
(define f (case-lambda (() 'zero) ((a) (list 'one a)) ((a b c . r) (list 'three+ a b c r))))
(display (list (apply f '()) (apply f '(1)) (apply f 1 2 '(3)) (apply f 1 2 3 4 '(5 6))))
(newline)

;; Fresh locations per call: a set! of a parameter is not seen by the next
;; call, and closures made by different calls hold different bindings.
(define make-box
  (case-lambda
    (() (make-box 0))
    ((v) (cons (lambda () v) (lambda (x) (set! v x))))))
(define b1 (make-box))
(define b2 (make-box 10))
((cdr b1) 5)
(display (list ((car b1)) ((car b2)))) (newline)

;; Lexical scope: clauses share the bindings around them; a set! made
;; through one clause is seen by the others.
(define (make-account balance)
  (case-lambda
    (() balance)
    ((amount) (set! balance (+ balance amount)) balance)
    ((amount fee) (set! balance (- balance amount fee)) balance)))
(define acct (make-account 100))
(acct 50)
(acct 30 2)
(display (acct)) (newline)

;; Multiple values from a clause.
(define split
  (case-lambda
    ((x) (values x x))
    ((x y) (values y x))))
(call-with-values (lambda () (split 1 2)) (lambda (a b) (display (list a b)) (newline)))

;; Tail calls between clauses run in constant space: a million iterations.
(define count-down
  (case-lambda
    ((n) (count-down n 0))
    ((n acc) (if (= n 0) acc (count-down (- n 1) (+ acc 1))))))
(display (count-down 1000000)) (newline)

;; As values: map with one and two lists, for-each, vector-map, apply.
(define mul (case-lambda ((x) (* x x)) ((x y) (* x y))))
(display (list (map mul '(1 2 3)) (map mul '(1 2 3) '(4 5 6))
               (vector-map mul #(1 2) #(3 4)) (apply mul '(6 7))))
(newline)
(for-each (case-lambda ((x) (display x)) ((x y) (display (+ x y)))) '(1 2) '(10 20))
(newline)

;; Many parameters, and many clauses.
(define wide
  (case-lambda
    ((a b c d e f g h i j k l) (list 'twelve (+ a b c d e f g h i j k l)))
    ((a b c d e f g h i j . r) (list 'ten+ (+ a b c d e f g h i j) r))
    (r (list 'fewer (length r)))))
(display (list (wide 1 2 3 4 5 6 7 8 9 10 11 12) (wide 1 2 3 4 5 6 7 8 9 10 11)
               (wide 1 2 3 4 5 6 7 8 9 10 11 12 13) (wide 1 2)))
(newline)
(define pick
  (case-lambda
    ((a b c d e f g h) 8) ((a b c d e f g) 7) ((a b c d e f) 6) ((a b c d e) 5)
    ((a b c d) 4) ((a b c) 3) ((a b) 2) ((a) 1) (() 0)))
(display (map (lambda (n) (apply pick (make-list n 'x))) '(0 1 2 3 4 5 6 7 8))) (newline)

;; case-lambda procedures made in a loop, kept, and called after many
;; collections: each holds its own binding of i.
(define procs
  (let loop ((i 0) (acc '()))
    (if (= i 2000)
        (reverse acc)
        (loop (+ i 1)
              (cons (case-lambda (() i) ((x) (+ x i)) ((x y) (list x y i))) acc)))))
(define (churn n) (if (= n 0) '() (cons (make-vector 10 n) (churn (- n 1)))))
(churn 20000)
(display (list ((list-ref procs 7)) ((list-ref procs 1999) 1) ((list-ref procs 3) 'a 'b)
               (apply + (map (lambda (p) (p)) procs))))
(newline)

;; An escape from inside a clause.
(display (call-with-current-continuation
          (lambda (k)
            ((case-lambda ((x) (k (list 'escaped x))) ((x y) 'no)) 42))))
(newline)
(display (procedure? (case-lambda ((x) x)))) (newline)

;; apply in tail position (which first asks whether the list fits).
(define (tail-apply g args) (apply g args))
(display (list (tail-apply f '()) (tail-apply f '(1)) (tail-apply f '(1 2 3 4))
               (tail-apply mul '(3)) (tail-apply mul '(3 4))))
(newline)
