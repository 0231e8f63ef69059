;; A program mixing most macro features: a tiny unit-test framework, a
;; state machine, records-by-macro, loops and hygiene.
(define-syntax check
  (syntax-rules (=>)
    ((_ expr => expected)
     (let ((result expr))
       (if (equal? result expected)
           (begin (display "ok ") (write 'expr) (newline))
           (begin (display "FAIL ") (write 'expr) (display " got ") (write result) (newline)))))))
(define-syntax define-getters
  (syntax-rules ()
    ((_ (name index) ...)
     (begin (define (name v) (vector-ref v index)) ...))))
(define-getters (point-x 0) (point-y 1))
(define-syntax inc!
  (syntax-rules ()
    ((_ v) (inc! v 1))
    ((_ v n) (set! v (+ v n)))))
(define-syntax for-range
  (syntax-rules ()
    ((_ (var from to) body ...)
     (let loop ((var from))
       (when (< var to) body ... (loop (+ var 1)))))))
(define-syntax state-machine
  (syntax-rules (->)
    ((_ start (state (input -> next) ...) ...)
     (lambda (inputs)
       (let run ((s 'start) (in inputs))
         (if (null? in)
             s
             (run (case s
                    ((state) (case (car in) ((input) 'next) ... (else 'error))) ...
                    (else 'error))
                  (cdr in))))))))
(define turnstile
  (state-machine locked
    (locked (coin -> unlocked) (push -> locked))
    (unlocked (coin -> unlocked) (push -> locked))))
(check (turnstile '(coin push coin)) => 'unlocked)
(check (turnstile '(push push)) => 'locked)
(check (turnstile '(kick)) => 'error)
(define p (vector 3 4))
(check (list (point-x p) (point-y p)) => '(3 4))
(define total 0)
(for-range (i 0 5) (inc! total i))
(check total => 10)
(let ((loop 'user-loop) (total 0) (tmp 1))
  (for-range (k 0 3) (inc! total k) (inc! tmp))
  (check (list loop total tmp) => '(user-loop 3 4)))
(define-syntax my-assert
  (syntax-rules ()
    ((_ e) (unless e (display "assertion failed: ") (write 'e) (newline)))))
(my-assert (= 1 1))
(my-assert (= 1 2))
(define (fib n)
  (define-syntax memo-if
    (syntax-rules () ((_ c a b) (cond (c a) (else b)))))
  (memo-if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(check (map fib '(0 1 2 3 4 5 10)) => '(0 1 1 2 3 5 55))
