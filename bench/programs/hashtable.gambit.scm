;;; hashtable, Gambit variant: native tables (eqv? and string=? tests).
(define n 1000000)
(define (key i) (modulo (* i 7919) 15485863))

(define (fixnum-phase)
  (let ((t (make-table test: eqv?)))
    (do ((i 0 (+ i 1))) ((= i n)) (table-set! t (key i) i))
    (let ((hits (let loop ((i 0) (sum 0))
                  (if (= i n) sum (loop (+ i 1) (+ sum (table-ref t (key i) 0))))))
          (misses (let loop ((i 0) (found 0))
                    (if (= i n) found
                        (loop (+ i 1) (if (table-ref t (+ (key i) 15485863) #f) (+ found 1) found))))))
      (do ((i 0 (+ i 2))) ((>= i n)) (table-set! t (key i)))
      (let ((after (let loop ((i 0) (sum 0))
                     (if (= i n) sum (loop (+ i 1) (+ sum (table-ref t (key i) 0)))))))
        (list hits misses (table-length t) after)))))

(define (string-phase)
  (let ((t (make-table test: string=?)))
    (do ((i 0 (+ i 1))) ((= i n)) (table-set! t (number->string (key i)) i))
    (let ((hits (let loop ((i 0) (sum 0))
                  (if (= i n) sum
                      (loop (+ i 1) (+ sum (table-ref t (number->string (key i)) 0)))))))
      (do ((i 0 (+ i 2))) ((>= i n)) (table-set! t (number->string (key i))))
      (let ((after (let loop ((i 0) (sum 0))
                     (if (= i n) sum
                         (loop (+ i 1) (+ sum (table-ref t (number->string (key i)) 0)))))))
        (list hits (table-length t) after)))))

(display (fixnum-phase))
(newline)
(display (string-phase))
(newline)
