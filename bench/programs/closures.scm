;;; closures: closure allocation and calls through closures (adders, counters over set! bindings, compose chains, CPS folds, Church numerals).

;; A counter object: a closure over a mutable binding, dispatching on a message.
(define (make-counter start)
  (let ((n start))
    (lambda (msg)
      (case msg
        ((next) (set! n (+ n 1)) n)
        ((get) n)
        ((reset) (set! n start) n)
        (else 0)))))

(define (make-adder k) (lambda (x) (+ x k)))

(define (compose f g) (lambda (x) (f (g x))))

;; Build a chain of LEN composed adders, the i-th adding (i mod 7).
(define (adder-chain len)
  (let loop ((i 0) (f (lambda (x) x)))
    (if (= i len)
        f
        (loop (+ i 1) (compose (make-adder (modulo i 7)) f)))))

;; Fold over the integers 0..n-1 in continuation-passing style.
(define (cps-sum n k)
  (if (= n 0)
      (k 0)
      (cps-sum (- n 1) (lambda (acc) (k (+ acc (- n 1)))))))

;; Church numerals: n applications of f.
(define (church n)
  (if (= n 0)
      (lambda (f) (lambda (x) x))
      (let ((prev (church (- n 1))))
        (lambda (f) (lambda (x) (f ((prev f) x)))))))
(define (church->int c) ((c (lambda (x) (+ x 1))) 0))
(define (church-add a b) (lambda (f) (lambda (x) ((a f) ((b f) x)))))

;; Closures captured in a loop: every iteration has a fresh binding of i.
(define (collect-thunks n)
  (do ((i 0 (+ i 1))
       (acc '() (cons (lambda () (* i i)) acc)))
      ((= i n) acc)))

(define (sum-thunks ts)
  (let loop ((ts ts) (s 0))
    (if (null? ts) s (loop (cdr ts) (+ s ((car ts)))))))

(define (round-trip r)
  (let ((c (make-counter r))
        (chain (adder-chain 120)))
    (let loop ((i 0) (acc 0))
      (if (= i 2000)
          (+ acc (c 'get))
          (begin
            (c 'next)
            (loop (+ i 1) (+ acc (chain (modulo i 10)))))))))

(define (main rounds)
  (let loop ((r 0) (total 0))
    (if (= r rounds)
        total
        (loop (+ r 1)
              (+ total
                 (round-trip r)
                 (cps-sum 1000 (lambda (x) x))
                 (church->int (church-add (church 40) (church (modulo r 50))))
                 (sum-thunks (collect-thunks 300)))))))

(display (main 600))
(newline)
