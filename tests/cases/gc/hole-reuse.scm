; Old objects die between live ones (every other record of a long-lived
; table is replaced, round after round): major collections keep those
; chunks and promotion fills their holes with the new records, or evacuate
; the chunks that became sparse. Every record stays intact wherever it is.
(define n 40000)
(define table (make-vector n #f))
(define (make-rec i round)
  (list i round (number->string (+ i (* round n))) (make-vector 3 i)))
(define (rec-ok? r i)
  (and (= (car r) i)
       (string=? (caddr r) (number->string (+ i (* (cadr r) n))))
       (equal? (cadddr r) (make-vector 3 i))))
(do ((i 0 (+ i 1))) ((= i n)) (vector-set! table i (make-rec i 0)))
(define (churn round)
  ;; replace the records of one parity, then make short-lived garbage
  (do ((i (modulo round 2) (+ i 2))) ((>= i n))
    (vector-set! table i (make-rec i round)))
  (let loop ((k 0) (acc '()))
    (if (< k 20000) (loop (+ k 1) (cons (vector k) acc)) (length acc))))
(define (check)
  (let loop ((i 0) (ok 0))
    (if (= i n) ok (loop (+ i 1) (if (rec-ok? (vector-ref table i) i) (+ ok 1) ok)))))
(do ((round 1 (+ round 1))) ((> round 12))
  (churn round)
  (if (= 0 (modulo round 4))
      (begin (display (check)) (newline))))
(display (apply + (map cadr (vector->list table))))
(newline)
