; Pairs in the old generation live in pair chunks: long-lived lists whose
; every other stretch dies leave holes in those chunks that later lists
; fill (the cap of the .env file leaves no room to grow otherwise), and
; everything still reachable stays intact across the major collections.
(define (churn n) (if (= n 0) 'done (begin (cons n n) (churn (- n 1)))))
(define (make-run tag n) (let loop ((i 0) (acc '())) (if (= i n) acc (loop (+ i 1) (cons (cons tag i) acc)))))
(define (run-ok? run tag n)
  (let loop ((l run) (i (- n 1)))
    (cond ((null? l) (= i -1))
          ((and (eq? (caar l) tag) (= (cdar l) i)) (loop (cdr l) (- i 1)))
          (else #f))))
(define runs (make-vector 64 #f))
(define (fill-runs! round)
  (do ((k 0 (+ k 1))) ((= k 64))
    (if (or (= round 0) (odd? (+ k round)))
        (vector-set! runs k (make-run (list round k) 3000)))))
(do ((round 0 (+ round 1))) ((= round 12))
  (fill-runs! round)
  (churn 200000))
(define (all-ok?)
  (let loop ((k 0) (ok 0))
    (if (= k 64)
        ok
        (let ((run (vector-ref runs k)))
          (loop (+ k 1) (if (run-ok? run (caar run) 3000) (+ ok 1) ok))))))
(display (all-ok?))
(newline)
(display (map (lambda (k) (car (caar (vector-ref runs k)))) '(0 1 2 3)))
(newline)
