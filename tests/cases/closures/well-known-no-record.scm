;; Well-known procedures (every call to them direct) with at most one free
;; variable have no closure record: callers pass the free variable's value
;; (or nothing) as the closure. Each case checks that the procedure still
;; sees the right binding.

;; No free variable: a plain loop.
(define (count-up n)
  (let loop ((i 0) (acc '()))
    (if (= i n) (reverse acc) (loop (+ i 1) (cons i acc)))))
(display (count-up 5)) (newline)

;; One free variable, read on every iteration.
(define (sum-below limit)
  (let loop ((i 0) (acc 0))
    (if (>= i limit) acc (loop (+ i 1) (+ acc i)))))
(display (sum-below 100)) (newline)

;; One free variable that is a box: assignments from outside are seen.
(define (watch)
  (let ((x 1))
    (define (peek k) (if (= k 0) x (peek (- k 1))))
    (let ((a (peek 3)))
      (set! x 42)
      (list a (peek 2)))))
(display (watch)) (newline)

;; Mutual recursion sharing one free variable.
(define (parity-of n offset)
  (letrec ((ev? (lambda (k) (if (= k offset) #t (od? (- k 1)))))
           (od? (lambda (k) (if (= k offset) #f (ev? (- k 1))))))
    (list (ev? (+ n offset)) (od? (+ n offset)))))
(display (parity-of 7 3)) (display (parity-of 10 0)) (newline)

;; A lambda inside a record-less loop captures the loop's free variable and
;; outlives the loop.
(define (adders base)
  (let loop ((i 0) (acc '()))
    (if (= i 3)
        (reverse acc)
        (loop (+ i 1) (cons (lambda (x) (+ x base i)) acc)))))
(display (map (lambda (f) (f 100)) (adders 10))) (newline)

;; A record-less procedure called from a closure that escapes: the closure's
;; record holds what the call needs (the free variable), not the procedure.
(define (make-stepper step)
  (define (advance x) (+ x step))
  (lambda (x) (advance (advance x))))
(define s3 (make-stepper 3))
(display (list (s3 1) (s3 10))) (newline)

;; Two free variables: the loop keeps its record; a loop it calls needs none.
(define (grid w h)
  (let rows ((y 0) (acc '()))
    (if (= y h)
        (reverse acc)
        (rows (+ y 1)
              (let cols ((x 0) (acc acc))
                (if (= x w) acc (cols (+ x 1) (cons (+ (* y w) x) acc))))))))
(display (grid 3 2)) (newline)

;; Non-tail recursion through a record-less procedure (deep enough to
;; collect garbage while its frames hold the free variable).
(define (build n tag)
  (define (go k) (if (= k 0) '() (cons (cons tag k) (go (- k 1)))))
  (go n))
(let ((l (build 100000 'x)))
  (display (list (length l) (car l) (list-ref l 99999))) (newline))

;; A continuation captured inside a record-less loop and re-entered.
(define (find-first pred l)
  (call/cc
    (lambda (return)
      (let loop ((l l))
        (cond ((null? l) #f)
              ((pred (car l)) (return (car l)))
              (else (loop (cdr l))))))))
(display (find-first even? '(1 3 4 5 6))) (newline)
(define (first-negative l)
  (call/cc
    (lambda (k)
      (let loop ((l l))
        (cond ((null? l) #f)
              ((negative? (car l)) (k (car l)))
              (else (loop (cdr l))))))))
(display (list (first-negative '(3 1 -4 1 -5)) (first-negative '(2 7)))) (newline)

;; Re-entering a continuation captured in a record-less loop runs the rest
;; of the loop again with the values it had then.
(define (reentry)
  (let ((saved #f) (runs 0) (out '()))
    (let ((r (let loop ((i 4))
               (when (= i 2) (call/cc (lambda (c) (set! saved c))))
               (if (> i 0) (loop (- i 1)) (list 'done i)))))
      (set! out (cons r out))
      (set! runs (+ runs 1))
      (if (< runs 3) (saved #f))
      out)))
(display (reentry)) (newline)
