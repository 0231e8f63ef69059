;;; bigvectors: vectors of 10^5-10^6 elements made, filled, copied, reversed, merged and dropped in loops, always through procedures that take the vector as an argument.

(define (vec-tabulate n f)
  (let ((v (make-vector n 0)))
    (do ((i 0 (+ i 1))) ((= i n) v) (vector-set! v i (f i)))))

(define (vec-copy v)
  (let* ((n (vector-length v)) (w (make-vector n #f)))
    (do ((i 0 (+ i 1))) ((= i n) w) (vector-set! w i (vector-ref v i)))))

(define (vec-reverse! v)
  (let loop ((i 0) (j (- (vector-length v) 1)))
    (if (< i j)
        (let ((t (vector-ref v i)))
          (vector-set! v i (vector-ref v j))
          (vector-set! v j t)
          (loop (+ i 1) (- j 1)))))
  v)

(define (vec-map f v)
  (let* ((n (vector-length v)) (w (make-vector n 0)))
    (do ((i 0 (+ i 1))) ((= i n) w) (vector-set! w i (f (vector-ref v i))))))

(define (vec-sum v)
  (let loop ((i 0) (s 0)) (if (= i (vector-length v)) s (loop (+ i 1) (+ s (vector-ref v i))))))

(define (vec-append a b)
  (let* ((na (vector-length a)) (nb (vector-length b)) (w (make-vector (+ na nb) 0)))
    (do ((i 0 (+ i 1))) ((= i na)) (vector-set! w i (vector-ref a i)))
    (do ((i 0 (+ i 1))) ((= i nb) w) (vector-set! w (+ na i) (vector-ref b i)))))

;; Merge two ascending vectors into a fresh one.
(define (vec-merge a b)
  (let* ((na (vector-length a)) (nb (vector-length b)) (w (make-vector (+ na nb) 0)))
    (let loop ((i 0) (j 0) (k 0))
      (cond ((and (= i na) (= j nb)) w)
            ((or (= j nb) (and (< i na) (<= (vector-ref a i) (vector-ref b j))))
             (vector-set! w k (vector-ref a i)) (loop (+ i 1) j (+ k 1)))
            (else (vector-set! w k (vector-ref b j)) (loop i (+ j 1) (+ k 1)))))))

;; Bottom-up merge sort, allocating a fresh vector per pass.
(define (vec-sort v)
  (let ((n (vector-length v)))
    (let pass ((src (vec-copy v)) (width 1))
      (if (>= width n)
          src
          (let ((dst (make-vector n 0)))
            (let chunk ((lo 0))
              (if (< lo n)
                  (let* ((mid (min n (+ lo width))) (hi (min n (+ lo (* 2 width)))))
                    (let loop ((i lo) (j mid) (k lo))
                      (cond ((= k hi) #t)
                            ((or (= j hi) (and (< i mid) (<= (vector-ref src i) (vector-ref src j))))
                             (vector-set! dst k (vector-ref src i)) (loop (+ i 1) j (+ k 1)))
                            (else (vector-set! dst k (vector-ref src j)) (loop i (+ j 1) (+ k 1)))))
                    (chunk hi))))
            (pass dst (* 2 width)))))))

(define (sorted? v)
  (let loop ((i 1)) (or (>= i (vector-length v)) (and (<= (vector-ref v (- i 1)) (vector-ref v i)) (loop (+ i 1))))))

(define (round-once r n)
  (let* ((a (vec-tabulate n (lambda (i) (modulo (* (+ i r) 7919) 100003))))
         (b (vec-reverse! (vec-copy a)))
         (c (vec-map (lambda (x) (* 2 x)) b))
         (d (vec-append a c))
         (s (vec-sort a))
         (m (vec-merge s (vec-sort (vec-map (lambda (x) (- x 50000)) a)))))
    (list (vec-sum d) (if (sorted? m) (vector-length m) 'unsorted) (vector-ref s (quotient n 2)))))

(define (run rounds)
  (let loop ((r 0) (acc 0))
    (if (= r rounds)
        acc
        (let ((res (round-once r (+ 200000 (* 50000 (modulo r 5))))))
          (loop (+ r 1) (+ acc (car res) (cadr res) (caddr res)))))))

(display (run 5))
(newline)
