;;; SRFI 133, vector library: the definitions (lib/srfi/133.sld exports them).
;;;
;;; `vector-map`, `vector-for-each`, `vector-fill!`, `vector-copy`,
;;; `vector-copy!`, `vector-append`, `vector->list`, `list->vector`,
;;; `string->vector`, `vector->string` and the primitive vector operations
;;; are (scheme base)'s, re-exported: their meaning is SRFI 133's. With several
;;; vectors, the procedures here stop at the end of the shortest one. Bad
;;; arguments (not a vector, an index out of range, start > end) are errors
;;; that name the procedure called. Helpers are named `srfi-133:...`.

;;; Argument checks

(define (srfi-133:check-vector who v)
  (if (not (vector? v)) (error who "not a vector" v)))

(define (srfi-133:check-vectors who vs)
  (for-each (lambda (v) (srfi-133:check-vector who v)) vs))

(define (srfi-133:check-proc who f)
  (if (not (procedure? f)) (error who "not a procedure" f)))

(define (srfi-133:check-size who n)
  (if (not (and (exact-integer? n) (>= n 0)))
      (error who "not a non-negative exact integer" n)))

(define (srfi-133:check-index who v i)
  (if (not (and (exact-integer? i) (<= 0 i) (< i (vector-length v))))
      (error who "index out of range" i)))

;; The end of an optional (start end) pair, after checking both.
(define (srfi-133:end who v opt)
  (let* ((n (vector-length v))
         (start (if (pair? opt) (car opt) 0))
         (end (if (and (pair? opt) (pair? (cdr opt))) (cadr opt) n)))
    (if (not (and (exact-integer? start) (<= 0 start n)))
        (error who "start index out of range" start))
    (if (not (and (exact-integer? end) (<= start end n)))
        (error who "end index out of range" end))
    end))

(define (srfi-133:start opt) (if (pair? opt) (car opt) 0))

(define (srfi-133:min-length vs)
  (let loop ((vs (cdr vs)) (n (vector-length (car vs))))
    (if (pair? vs) (loop (cdr vs) (min n (vector-length (car vs)))) n)))

(define (srfi-133:refs vs i)
  (if (pair? vs) (cons (vector-ref (car vs) i) (srfi-133:refs (cdr vs) i)) '()))

;;; Constructors

;; `f` gets the index and the seeds and returns the element and the new seeds.
(define (vector-unfold f n . seeds)
  (srfi-133:check-proc 'vector-unfold f)
  (srfi-133:check-size 'vector-unfold n)
  (let ((v (make-vector n)))
    (srfi-133:unfold! f v 0 n seeds)
    v))

(define (vector-unfold-right f n . seeds)
  (srfi-133:check-proc 'vector-unfold-right f)
  (srfi-133:check-size 'vector-unfold-right n)
  (let ((v (make-vector n)))
    (srfi-133:unfold-right! f v 0 n seeds)
    v))

(define (srfi-133:unfold! f v start end seeds)
  (if (null? seeds)
      (let loop ((i start))
        (if (< i end)
            (begin (vector-set! v i (f i)) (loop (+ i 1)))))
      (let loop ((i start) (seeds seeds))
        (if (< i end)
            (call-with-values (lambda () (apply f i seeds))
              (lambda (x . seeds)
                (vector-set! v i x)
                (loop (+ i 1) seeds)))))))

(define (srfi-133:unfold-right! f v start end seeds)
  (if (null? seeds)
      (let loop ((i (- end 1)))
        (if (>= i start)
            (begin (vector-set! v i (f i)) (loop (- i 1)))))
      (let loop ((i (- end 1)) (seeds seeds))
        (if (>= i start)
            (call-with-values (lambda () (apply f i seeds))
              (lambda (x . seeds)
                (vector-set! v i x)
                (loop (- i 1) seeds)))))))

(define (vector-reverse-copy v . start+end)
  (srfi-133:check-vector 'vector-reverse-copy v)
  (let* ((end (srfi-133:end 'vector-reverse-copy v start+end))
         (start (srfi-133:start start+end))
         (r (make-vector (- end start))))
    (let loop ((i start) (j (- end start 1)))
      (if (< i end)
          (begin (vector-set! r j (vector-ref v i)) (loop (+ i 1) (- j 1)))
          r))))

(define (vector-concatenate vs)
  (if (not (list? vs)) (error 'vector-concatenate "not a list" vs))
  (srfi-133:check-vectors 'vector-concatenate vs)
  (apply vector-append vs))

;; Arguments come in threes: vector, start, end.
(define (vector-append-subvectors . args)
  (let count ((as args) (n 0))
    (cond ((null? as)
           (let ((r (make-vector n)))
             (let fill ((as args) (at 0))
               (if (pair? as)
                   (let ((v (car as)) (start (cadr as)) (end (caddr as)))
                     (vector-copy! r at v start end)
                     (fill (cdddr as) (+ at (- end start))))
                   r))))
          ((and (pair? (cdr as)) (pair? (cddr as)))
           (let ((v (car as)) (start (cadr as)) (end (caddr as)))
             (srfi-133:check-vector 'vector-append-subvectors v)
             (srfi-133:end 'vector-append-subvectors v (list start end))
             (count (cdddr as) (+ n (- end start)))))
          (else (error 'vector-append-subvectors
                       "arguments must come in threes: vector start end" args)))))

;;; Predicates

(define (vector-empty? v)
  (srfi-133:check-vector 'vector-empty? v)
  (= (vector-length v) 0))

(define (vector= elt=? . vs)
  (define (same? a b)
    (let ((n (vector-length a)))
      (and (= n (vector-length b))
           (let loop ((i 0))
             (or (= i n)
                 (and (elt=? (vector-ref a i) (vector-ref b i)) (loop (+ i 1))))))))
  (srfi-133:check-proc 'vector= elt=?)
  (srfi-133:check-vectors 'vector= vs)
  (let loop ((vs vs))
    (or (not (pair? vs))
        (not (pair? (cdr vs)))
        (and (or (eq? (car vs) (cadr vs)) (same? (car vs) (cadr vs)))
             (loop (cdr vs))))))

;;; Iteration

;; `kons` gets the state first, then an element of each vector.
(define (vector-fold kons state v . vs)
  (srfi-133:check-proc 'vector-fold kons)
  (srfi-133:check-vector 'vector-fold v)
  (if (null? vs)
      (let ((n (vector-length v)))
        (let loop ((i 0) (state state))
          (if (< i n) (loop (+ i 1) (kons state (vector-ref v i))) state)))
      (let* ((all (cons v vs)) (n (begin (srfi-133:check-vectors 'vector-fold vs)
                                        (srfi-133:min-length all))))
        (let loop ((i 0) (state state))
          (if (< i n)
              (loop (+ i 1) (apply kons state (srfi-133:refs all i)))
              state)))))

(define (vector-fold-right kons state v . vs)
  (srfi-133:check-proc 'vector-fold-right kons)
  (srfi-133:check-vector 'vector-fold-right v)
  (srfi-133:check-vectors 'vector-fold-right vs)
  (let ((all (cons v vs)))
    (let loop ((i (- (srfi-133:min-length all) 1)) (state state))
      (if (>= i 0)
          (loop (- i 1)
                (if (null? vs)
                    (kons state (vector-ref v i))
                    (apply kons state (srfi-133:refs all i))))
          state))))

(define (vector-map! f v . vs)
  (srfi-133:check-proc 'vector-map! f)
  (srfi-133:check-vector 'vector-map! v)
  (srfi-133:check-vectors 'vector-map! vs)
  (let ((all (cons v vs)))
    (let loop ((i 0) (n (srfi-133:min-length all)))
      (if (< i n)
          (begin
            (vector-set! v i (if (null? vs)
                                 (f (vector-ref v i))
                                 (apply f (srfi-133:refs all i))))
            (loop (+ i 1) n))))))

(define (vector-count pred? v . vs)
  (srfi-133:check-proc 'vector-count pred?)
  (srfi-133:check-vector 'vector-count v)
  (srfi-133:check-vectors 'vector-count vs)
  (let ((all (cons v vs)))
    (let loop ((i 0) (n (srfi-133:min-length all)) (count 0))
      (if (< i n)
          (loop (+ i 1) n
                (if (if (null? vs)
                        (pred? (vector-ref v i))
                        (apply pred? (srfi-133:refs all i)))
                    (+ count 1)
                    count))
          count))))

;; Element i of the result is the fold of elements 0..i.
(define (vector-cumulate f knil v)
  (srfi-133:check-proc 'vector-cumulate f)
  (srfi-133:check-vector 'vector-cumulate v)
  (let* ((n (vector-length v)) (r (make-vector n)))
    (let loop ((i 0) (acc knil))
      (if (< i n)
          (let ((acc (f acc (vector-ref v i))))
            (vector-set! r i acc)
            (loop (+ i 1) acc))
          r))))

;;; Searching

(define (srfi-133:search who pred? vs from-right? want)
  (srfi-133:check-proc who pred?)
  (srfi-133:check-vectors who vs)
  (let ((n (srfi-133:min-length vs))
        (test (if (null? (cdr vs))
                  (let ((v (car vs))) (lambda (i) (pred? (vector-ref v i))))
                  (lambda (i) (apply pred? (srfi-133:refs vs i))))))
    (if from-right?
        (let loop ((i (- n 1)))
          (cond ((< i 0) #f)
                ((eq? (not (test i)) (not want)) i)
                (else (loop (- i 1)))))
        (let loop ((i 0))
          (cond ((= i n) #f)
                ((eq? (not (test i)) (not want)) i)
                (else (loop (+ i 1))))))))

(define (vector-index pred? v . vs)
  (srfi-133:search 'vector-index pred? (cons v vs) #f #t))

(define (vector-index-right pred? v . vs)
  (srfi-133:search 'vector-index-right pred? (cons v vs) #t #t))

(define (vector-skip pred? v . vs)
  (srfi-133:search 'vector-skip pred? (cons v vs) #f #f))

(define (vector-skip-right pred? v . vs)
  (srfi-133:search 'vector-skip-right pred? (cons v vs) #t #f))

;; `cmp` is called as (cmp element value) and returns a negative, zero or
;; positive integer.
(define (vector-binary-search v value cmp . start+end)
  (srfi-133:check-vector 'vector-binary-search v)
  (srfi-133:check-proc 'vector-binary-search cmp)
  (let loop ((lo (srfi-133:start start+end))
             (hi (srfi-133:end 'vector-binary-search v start+end)))
    (and (< lo hi)
         (let* ((mid (quotient (+ lo hi) 2))
                (c (cmp (vector-ref v mid) value)))
           (cond ((not (exact-integer? c))
                  (error 'vector-binary-search "comparison did not return an integer" c))
                 ((= c 0) mid)
                 ((< c 0) (loop (+ mid 1) hi))
                 (else (loop lo mid)))))))

;; The value of `pred?` on the first elements that satisfy it, or #f.
(define (vector-any pred? v . vs)
  (srfi-133:check-proc 'vector-any pred?)
  (srfi-133:check-vector 'vector-any v)
  (srfi-133:check-vectors 'vector-any vs)
  (let* ((all (cons v vs)) (n (srfi-133:min-length all)))
    (let loop ((i 0))
      (and (< i n)
           (or (if (null? vs) (pred? (vector-ref v i)) (apply pred? (srfi-133:refs all i)))
               (loop (+ i 1)))))))

;; #t for empty vectors, else the value of `pred?` on the last elements.
(define (vector-every pred? v . vs)
  (srfi-133:check-proc 'vector-every pred?)
  (srfi-133:check-vector 'vector-every v)
  (srfi-133:check-vectors 'vector-every vs)
  (let* ((all (cons v vs)) (n (srfi-133:min-length all)))
    (let loop ((i 0) (last #t))
      (if (< i n)
          (let ((x (if (null? vs)
                       (pred? (vector-ref v i))
                       (apply pred? (srfi-133:refs all i)))))
            (and x (loop (+ i 1) x)))
          last))))

;; A new vector: the elements satisfying `pred?` in order, then the others;
;; and the number of the former.
(define (vector-partition pred? v)
  (srfi-133:check-proc 'vector-partition pred?)
  (srfi-133:check-vector 'vector-partition v)
  (let* ((n (vector-length v))
         (flags (make-vector n #f))
         (yes (let loop ((i 0) (k 0))
                (if (< i n)
                    (if (pred? (vector-ref v i))
                        (begin (vector-set! flags i #t) (loop (+ i 1) (+ k 1)))
                        (loop (+ i 1) k))
                    k)))
         (r (make-vector n)))
    (let loop ((i 0) (in 0) (out yes))
      (if (< i n)
          (if (vector-ref flags i)
              (begin (vector-set! r in (vector-ref v i)) (loop (+ i 1) (+ in 1) out))
              (begin (vector-set! r out (vector-ref v i)) (loop (+ i 1) in (+ out 1))))
          (values r yes)))))

;;; Mutators

(define (vector-swap! v i j)
  (srfi-133:check-vector 'vector-swap! v)
  (srfi-133:check-index 'vector-swap! v i)
  (srfi-133:check-index 'vector-swap! v j)
  (let ((x (vector-ref v i)))
    (vector-set! v i (vector-ref v j))
    (vector-set! v j x)))

(define (vector-reverse! v . start+end)
  (srfi-133:check-vector 'vector-reverse! v)
  (let loop ((i (srfi-133:start start+end))
             (j (- (srfi-133:end 'vector-reverse! v start+end) 1)))
    (if (< i j)
        (let ((x (vector-ref v i)))
          (vector-set! v i (vector-ref v j))
          (vector-set! v j x)
          (loop (+ i 1) (- j 1))))))

;; Correct when `to` and `from` are the same vector and the ranges overlap.
(define (vector-reverse-copy! to at from . start+end)
  (srfi-133:check-vector 'vector-reverse-copy! to)
  (srfi-133:check-vector 'vector-reverse-copy! from)
  (let* ((end (srfi-133:end 'vector-reverse-copy! from start+end))
         (start (srfi-133:start start+end)))
    (if (not (and (exact-integer? at) (<= 0 at)
                  (<= (+ at (- end start)) (vector-length to))))
        (error 'vector-reverse-copy! "destination index out of range" at))
    (vector-copy! to at from start end)
    (vector-reverse! to at (+ at (- end start)))))

(define (vector-unfold! f v start end . seeds)
  (srfi-133:check-proc 'vector-unfold! f)
  (srfi-133:check-vector 'vector-unfold! v)
  (srfi-133:end 'vector-unfold! v (list start end))
  (srfi-133:unfold! f v start end seeds))

(define (vector-unfold-right! f v start end . seeds)
  (srfi-133:check-proc 'vector-unfold-right! f)
  (srfi-133:check-vector 'vector-unfold-right! v)
  (srfi-133:end 'vector-unfold-right! v (list start end))
  (srfi-133:unfold-right! f v start end seeds))

;;; Conversion

(define (reverse-vector->list v . start+end)
  (srfi-133:check-vector 'reverse-vector->list v)
  (let ((end (srfi-133:end 'reverse-vector->list v start+end)))
    (let loop ((i (srfi-133:start start+end)) (acc '()))
      (if (< i end) (loop (+ i 1) (cons (vector-ref v i) acc)) acc))))

(define (reverse-list->vector lis)
  (if (not (list? lis)) (error 'reverse-list->vector "not a proper list" lis))
  (let* ((n (length lis)) (v (make-vector n)))
    (let loop ((l lis) (i (- n 1)))
      (if (pair? l)
          (begin (vector-set! v i (car l)) (loop (cdr l) (- i 1)))
          v))))
