;;; hashtable, Guile variant: native hash tables (hashv- for fixnums, hash- (equal?) for strings).
(define n 1000000)
(define (key i) (modulo (* i 7919) 15485863))

(define (fixnum-phase)
  (let ((t (make-hash-table)))
    (do ((i 0 (+ i 1))) ((= i n)) (hashv-set! t (key i) i))
    (let ((hits (let loop ((i 0) (sum 0))
                  (if (= i n) sum (loop (+ i 1) (+ sum (hashv-ref t (key i) 0))))))
          (misses (let loop ((i 0) (found 0))
                    (if (= i n) found
                        (loop (+ i 1) (if (hashv-ref t (+ (key i) 15485863) #f) (+ found 1) found))))))
      (do ((i 0 (+ i 2))) ((>= i n)) (hashv-remove! t (key i)))
      (let ((after (let loop ((i 0) (sum 0))
                     (if (= i n) sum (loop (+ i 1) (+ sum (hashv-ref t (key i) 0)))))))
        (list hits misses (hash-count (const #t) t) after)))))

(define (string-phase)
  (let ((t (make-hash-table)))
    (do ((i 0 (+ i 1))) ((= i n)) (hash-set! t (number->string (key i)) i))
    (let ((hits (let loop ((i 0) (sum 0))
                  (if (= i n) sum
                      (loop (+ i 1) (+ sum (hash-ref t (number->string (key i)) 0)))))))
      (do ((i 0 (+ i 2))) ((>= i n)) (hash-remove! t (number->string (key i))))
      (let ((after (let loop ((i 0) (sum 0))
                     (if (= i n) sum
                         (loop (+ i 1) (+ sum (hash-ref t (number->string (key i)) 0)))))))
        (list hits (hash-count (const #t) t) after)))))

(display (fixnum-phase))
(newline)
(display (string-phase))
(newline)
