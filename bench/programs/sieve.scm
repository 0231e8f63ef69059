;;; sieve: the sieve of Eratosthenes on a 2e6-element vector, then prime gaps and twin primes (vector-ref/vector-set! in named-let loops).

(define (make-sieve n)
  (let ((v (make-vector (+ n 1) #t)))
    (vector-set! v 0 #f)
    (vector-set! v 1 #f)
    (let outer ((p 2))
      (if (<= (* p p) n)
          (begin
            (if (vector-ref v p)
                (let inner ((m (* p p)))
                  (if (<= m n)
                      (begin (vector-set! v m #f)
                             (inner (+ m p))))))
            (outer (+ p 1)))))
    v))

(define (count-primes v)
  (let loop ((i 0) (c 0))
    (if (= i (vector-length v))
        c
        (loop (+ i 1) (if (vector-ref v i) (+ c 1) c)))))

(define (twin-primes v)
  (let loop ((i 3) (c 0))
    (if (>= (+ i 2) (vector-length v))
        c
        (loop (+ i 2) (if (and (vector-ref v i) (vector-ref v (+ i 2))) (+ c 1) c)))))

(define (largest-gap v)
  (let loop ((i 2) (prev 2) (best 0))
    (cond ((= i (vector-length v)) best)
          ((vector-ref v i) (loop (+ i 1) i (max best (- i prev))))
          (else (loop (+ i 1) prev best)))))

(define (run rounds n)
  (let loop ((r 0) (result '()))
    (if (= r rounds)
        result
        (let ((v (make-sieve (- n r))))
          (loop (+ r 1) (list (count-primes v) (twin-primes v) (largest-gap v)))))))

(display (run 5 2000000))
(newline)
