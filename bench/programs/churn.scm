;;; churn: a long-lived structure (a 2^16-slot hash table of association lists, 200,000 live entries with string values) updated in place while short-lived garbage is made at a high rate (old-to-young pointers, promotion, survivor copying).

(define table-size 65536)
(define (make-table) (make-vector table-size '()))
(define (hash k) (modulo (* k 2654435761) table-size))

(define (table-put! t k v)
  (let* ((i (hash k)) (bucket (vector-ref t i)) (e (assv k bucket)))
    (if e
        (set-cdr! e v)
        (vector-set! t i (cons (cons k v) bucket)))))

(define (table-get t k)
  (let ((e (assv k (vector-ref t (hash k))))) (and e (cdr e))))

(define (table-remove! t k)
  (let ((i (hash k)))
    (vector-set! t i (let drop ((b (vector-ref t i)))
                       (cond ((null? b) '())
                             ((eqv? (caar b) k) (cdr b))
                             (else (cons (car b) (drop (cdr b)))))))))

(define seed 31337)
(define (rand! n)
  (set! seed (modulo (+ (* seed 1103515245) 12345) 2147483648))
  (modulo (quotient seed 65536) n))

(define (value-for k) (list k (number->string k) (make-vector 3 k)))

;; Short-lived garbage: a list of small lists, summed and dropped.
(define (scratch n)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        (apply + (map (lambda (p) (car p)) acc))
        (loop (+ i 1) (cons (list i (* i i)) acc)))))

(define (fill! t n)
  (do ((k 0 (+ k 1))) ((= k n)) (table-put! t k (value-for k))))

(define (checksum t)
  (let loop ((i 0) (count 0) (sum 0))
    (if (= i table-size)
        (list count sum)
        (let bucket ((b (vector-ref t i)) (count count) (sum sum))
          (if (null? b)
              (loop (+ i 1) count sum)
              (bucket (cdr b) (+ count 1)
                      (modulo (+ sum (car (cdar b)) (string-length (cadr (cdar b)))) 1000000007)))))))

(define (run steps live)
  (let ((t (make-table)))
    (fill! t live)
    (let loop ((s 0) (garbage 0))
      (if (= s steps)
          (list (checksum t) garbage)
          (let ((k (rand! (* 2 live))))
            (case (rand! 4)
              ((0) (table-remove! t k))
              ((1) (let ((v (table-get t k))) (if v (table-put! t k (value-for (+ (car v) 1))))))
              (else (table-put! t k (value-for k))))
            (loop (+ s 1) (+ garbage (scratch 20))))))))

(display (run 400000 200000))
(newline)
