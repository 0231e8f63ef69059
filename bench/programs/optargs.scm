;;; optargs: procedures with optional arguments written with case-lambda (ranges over vectors and strings with optional start and end, constructors with defaults, accumulators that read with no argument and add with one), called directly and passed as values.

;; The sum of v[start..end), start and end optional.
(define vector-sum
  (case-lambda
    ((v) (vector-sum v 0 (vector-length v)))
    ((v start) (vector-sum v start (vector-length v)))
    ((v start end)
     (let loop ((i start) (s 0))
       (if (>= i end) s (loop (+ i 1) (+ s (vector-ref v i))))))))

;; The index of the first x in s[start..end) satisfying pred, or #f.
(define string-find
  (case-lambda
    ((s pred) (string-find s pred 0 (string-length s)))
    ((s pred start) (string-find s pred start (string-length s)))
    ((s pred start end)
     (let loop ((i start))
       (cond ((>= i end) #f)
             ((pred (string-ref s i)) i)
             (else (loop (+ i 1))))))))

;; A point with defaults, and a distance with an optional origin.
(define make-point
  (case-lambda
    (() (make-point 0 0))
    ((x) (make-point x 0))
    ((x y) (cons x y))))
(define manhattan
  (case-lambda
    ((p) (manhattan p (make-point)))
    ((p q) (+ (abs (- (car p) (car q))) (abs (- (cdr p) (cdr q)))))))

;; An accumulator: no argument reads it, one adds, two add a product.
(define (make-accumulator)
  (let ((total 0))
    (case-lambda
      (() total)
      ((x) (set! total (+ total x)) total)
      ((x k) (set! total (+ total (* x k))) total))))

;; A fold with an optional initial value, its step taken as a value.
(define fold-step
  (case-lambda
    ((f lst) (fold-step f (car lst) (cdr lst)))
    ((f acc lst) (if (null? lst) acc (fold-step f (f acc (car lst)) (cdr lst))))))

(define max-of (case-lambda ((a) a) ((a b) (if (> a b) a b)) ((a b . r) (apply max-of (max-of a b) r))))

(define (words n)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        (apply string-append acc)
        (loop (+ i 1) (cons (if (= 0 (modulo i 7)) "x " "ab ") acc)))))

(define (round-once v s acc i)
  (let* ((n (vector-length v))
         (a (vector-sum v))
         (b (vector-sum v (modulo i n)))
         (c (vector-sum v (modulo i 17) (+ (modulo i 17) 20)))
         (d (or (string-find s (lambda (ch) (char=? ch #\x))) -1))
         (e (or (string-find s char-alphabetic? (modulo i 50)) -1))
         (f (or (string-find s (lambda (ch) (char=? ch #\x)) 10 60) -1))
         (p (manhattan (make-point i (- i)) (make-point 3)))
         (q (manhattan (make-point (modulo i 13))))
         (m (max-of (modulo i 5) (modulo i 7) (modulo i 3))))
    (acc (+ a b c d e f p q m))
    (acc (modulo i 3) 2)))

(define (run rounds)
  (let ((v (make-vector 64 0))
        (s (words 40))
        (acc (make-accumulator)))
    (do ((i 0 (+ i 1))) ((= i 64)) (vector-set! v i (* i i)))
    (do ((i 0 (+ i 1))) ((= i rounds))
      (round-once v s acc i))
    (list (acc)
          (fold-step + (vector->list v))
          (fold-step max-of 0 (map (lambda (i) (modulo (* i 37) 101)) (vector->list v))))))

(display (run 300000))
(newline)
