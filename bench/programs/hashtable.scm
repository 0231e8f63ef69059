;;; hashtable: 10^6 fixnum keys and 10^6 string keys inserted, looked up (hits and fresh-string misses), half deleted, looked up again, in hash tables that stay live across many collections (each implementation's native tables; closc: SRFI 69, peers' variants in hashtable.IMPL.scm).
(import (scheme base) (scheme char) (scheme write) (scheme cxr) (scheme inexact) (scheme process-context) (scheme time) (srfi 69))

(define n 1000000)
;; Distinct keys spread over a wide range (7919 is coprime to the prime 15485863).
(define (key i) (modulo (* i 7919) 15485863))

(define (fixnum-phase)
  (let ((t (make-hash-table eqv?)))
    (do ((i 0 (+ i 1))) ((= i n)) (hash-table-set! t (key i) i))
    (let ((hits (let loop ((i 0) (sum 0))
                  (if (= i n) sum (loop (+ i 1) (+ sum (hash-table-ref/default t (key i) 0))))))
          (misses (let loop ((i 0) (found 0))
                    (if (= i n) found
                        (loop (+ i 1) (if (hash-table-ref/default t (+ (key i) 15485863) #f) (+ found 1) found))))))
      (do ((i 0 (+ i 2))) ((>= i n)) (hash-table-delete! t (key i)))
      (let ((after (let loop ((i 0) (sum 0))
                     (if (= i n) sum (loop (+ i 1) (+ sum (hash-table-ref/default t (key i) 0)))))))
        (list hits misses (hash-table-size t) after)))))

(define (string-phase)
  (let ((t (make-hash-table string=?)))
    (do ((i 0 (+ i 1))) ((= i n)) (hash-table-set! t (number->string (key i)) i))
    (let ((hits (let loop ((i 0) (sum 0))
                  (if (= i n) sum
                      (loop (+ i 1) (+ sum (hash-table-ref/default t (number->string (key i)) 0)))))))
      (do ((i 0 (+ i 2))) ((>= i n)) (hash-table-delete! t (number->string (key i))))
      (let ((after (let loop ((i 0) (sum 0))
                     (if (= i n) sum
                         (loop (+ i 1) (+ sum (hash-table-ref/default t (number->string (key i)) 0)))))))
        (list hits (hash-table-size t) after)))))

(display (fixnum-phase))
(newline)
(display (string-phase))
(newline)
