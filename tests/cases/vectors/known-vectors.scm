; hand-written .out: the messages and irritants are closc's (R7RS leaves an error's message to the implementation)
;; After one access a vector operand is known to be a vector, and later
;; accesses check only their index: every path must still report a clean
;; error naming the procedure.
(define (try thunk)
  (guard (e ((error-object? e)
             (display "error: ")
             (display (error-object-message e))
             (for-each (lambda (x) (display " ") (write x)) (error-object-irritants e))
             (newline))
            (#t (display "raised ") (write e) (newline)))
    (write (thunk))
    (newline)))

;; the second access to a checked vector: index out of range, negative, not a fixnum
(define (two v i j) (+ (vector-ref v i) (vector-ref v j)))
(try (lambda () (two (vector 1 2 3) 0 2)))
(try (lambda () (two (vector 1 2 3) 0 3)))
(try (lambda () (two (vector 1 2 3) 1 -1)))
(try (lambda () (two (vector 1 2 3) 1 1.0)))
(try (lambda () (two (vector 1 2 3) 1 'a)))
(try (lambda () (two (list 1 2 3) 0 1)))
(try (lambda () (two "abc" 0 1)))

;; vector-set! after vector-ref, vector-length after both
(define (swap-ends! v)
  (let ((t (vector-ref v 0)))
    (vector-set! v 0 (vector-ref v (- (vector-length v) 1)))
    (vector-set! v (- (vector-length v) 1) t)
    v))
(try (lambda () (swap-ends! (vector 1 2 3 4))))
(try (lambda () (swap-ends! (vector 9))))
(try (lambda () (swap-ends! (vector))))
(try (lambda () (swap-ends! 17)))
(define (set-past-end! v) (vector-set! v 0 'x) (vector-set! v (vector-length v) 'y))
(try (lambda () (set-past-end! (vector 1 2))))

;; the length of an empty vector minus one, and arithmetic on lengths
(define (last-index v) (- (vector-length v) 1))
(try (lambda () (last-index (vector))))
(try (lambda () (last-index (make-vector 5 0))))
(try (lambda () (* (vector-length (make-vector 3 0)) (vector-length (vector 1 2)))))
(try (lambda () (last-index '(1 2))))

;; a vector checked in one arm of an if is not known in the other
(define (arms x flag)
  (if flag
      (vector-ref x 1)
      (vector-length x)))
(try (lambda () (arms (vector 1 2) #t)))
(try (lambda () (arms (vector 1 2) #f)))
(try (lambda () (arms '(1 2) #f)))
(define (in-test x flag)
  (if (and flag (vector-ref x 0))
      (vector-ref x 1)
      (vector-length x)))
(try (lambda () (in-test (vector 1 2) #t)))
(try (lambda () (in-test (vector #f 2) #t)))
(try (lambda () (in-test 42 #f)))
(define (after-if x flag)
  (let ((a (if flag (vector-ref x 0) 0)))
    (+ a (vector-length x))))
(try (lambda () (after-if (vector 5 6) #t)))
(try (lambda () (after-if (vector 5 6) #f)))
(try (lambda () (after-if "no" #f)))

;; case arms
(define (by-case k x)
  (case k
    ((1) (vector-ref x 0))
    ((2) (vector-length x))
    ((3) (vector-set! x 0 'set) x)
    (else (vector-ref x k))))
(try (lambda () (by-case 1 (vector 'a 'b))))
(try (lambda () (by-case 2 (vector 'a 'b))))
(try (lambda () (by-case 2 'not-a-vector)))
(try (lambda () (by-case 3 (vector 'a 'b))))
(try (lambda () (by-case 7 (vector 'a 'b))))

;; a variable assigned after its first access
(define (reassigned v w)
  (let ((a (vector-ref v 0)))
    (set! v w)
    (list a (vector-ref v 0))))
(try (lambda () (reassigned (vector 1) (vector 2))))
(try (lambda () (reassigned (vector 1) 5)))
(try (lambda () (reassigned (vector 1) (vector))))

;; a captured variable assigned inside the closure
(define (make-reader v)
  (lambda (w)
    (let ((a (vector-ref v 0)))
      (set! v w)
      (list a (vector-ref v 0) (vector-length v)))))
(try (lambda () ((make-reader (vector 1)) (vector 2 3))))
(try (lambda () ((make-reader (vector 1)) 'sym)))

;; a captured variable that does not change, read in a loop
(define (sum-all v)
  (let loop ((i 0) (s 0))
    (if (= i (vector-length v))
        s
        (loop (+ i 1) (+ s (vector-ref v i))))))
(try (lambda () (sum-all (vector 1 2 3 4 5))))
(try (lambda () (sum-all (vector))))
(try (lambda () (sum-all (vector 1 'two 3))))
(try (lambda () (sum-all 12)))
(define (sum-closure v)
  (define (go i s)
    (if (< i (vector-length v)) (go (+ i 1) (+ s (vector-ref v i))) s))
  (lambda () (go 0 0)))
(try (sum-closure (vector 10 20 30)))
(try (sum-closure #(1 2)))
(try (sum-closure "str"))

;; a loop whose index is not a fixnum: the general copy of the body
(define (from i v) (if (>= i (vector-length v)) '() (cons (vector-ref v i) (from (+ i 1) v))))
(try (lambda () (from 0 (vector 'a 'b 'c))))
(try (lambda () (from 1.5 (vector 'a 'b 'c))))
(try (lambda () (from 1 '#(x y))))
