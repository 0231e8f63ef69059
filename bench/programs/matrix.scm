;;; matrix: dense integer matrices in flat vectors, read and written through small procedures that take the matrix as an argument (make-vector, vector-ref/vector-set!; multiplication, powers, transposition and determinants modulo a prime).

(define p 1000003)

;; A matrix is a vector #(ROWS COLS DATA) where DATA is a flat vector of ROWS*COLS entries.
(define (make-matrix rows cols fill) (vector rows cols (make-vector (* rows cols) fill)))
(define (rows m) (vector-ref m 0))
(define (cols m) (vector-ref m 1))
(define (data m) (vector-ref m 2))
(define (mref m i j) (vector-ref (data m) (+ (* i (cols m)) j)))
(define (mset! m i j x) (vector-set! (data m) (+ (* i (cols m)) j) x))

(define (matrix-tabulate n k f)
  (let ((m (make-matrix n k 0)))
    (do ((i 0 (+ i 1))) ((= i n) m)
      (do ((j 0 (+ j 1))) ((= j k))
        (mset! m i j (f i j))))))

(define (identity-matrix n) (matrix-tabulate n n (lambda (i j) (if (= i j) 1 0))))

(define (transpose m)
  (matrix-tabulate (cols m) (rows m) (lambda (i j) (mref m j i))))

(define (mat-mul a b)
  (let* ((n (rows a)) (k (cols a)) (w (cols b)) (c (make-matrix n w 0)))
    (do ((i 0 (+ i 1))) ((= i n) c)
      (do ((j 0 (+ j 1))) ((= j w))
        (let loop ((l 0) (s 0))
          (if (= l k)
              (mset! c i j (modulo s p))
              (loop (+ l 1) (+ s (* (mref a i l) (mref b l j))))))))))

(define (mat-add a b)
  (matrix-tabulate (rows a) (cols a) (lambda (i j) (modulo (+ (mref a i j) (mref b i j)) p))))

;; A^e by repeated squaring.
(define (mat-expt a e)
  (cond ((= e 0) (identity-matrix (rows a)))
        ((even? e) (let ((h (mat-expt a (quotient e 2)))) (mat-mul h h)))
        (else (mat-mul a (mat-expt a (- e 1))))))

(define (mat-copy m)
  (let* ((src (data m)) (n (vector-length src)) (dst (make-vector n 0)))
    (do ((i 0 (+ i 1))) ((= i n) (vector (rows m) (cols m) dst))
      (vector-set! dst i (vector-ref src i)))))

;; Modular inverse by Fermat: x^(p-2) mod p.
(define (power-mod b e)
  (let loop ((b (modulo b p)) (e e) (r 1))
    (cond ((= e 0) r)
          ((odd? e) (loop (modulo (* b b) p) (quotient e 2) (modulo (* r b) p)))
          (else (loop (modulo (* b b) p) (quotient e 2) r)))))
(define (inverse x) (power-mod x (- p 2)))

(define (swap-rows! m r1 r2)
  (do ((j 0 (+ j 1))) ((= j (cols m)))
    (let ((t (mref m r1 j)))
      (mset! m r1 j (mref m r2 j))
      (mset! m r2 j t))))

;; Determinant modulo p by Gaussian elimination on a copy.
(define (determinant m0)
  (let ((m (mat-copy m0)) (n (rows m0)))
    (let column ((c 0) (det 1))
      (if (= c n)
          det
          (let find ((r c))
            (cond ((= r n) 0)
                  ((= (mref m r c) 0) (find (+ r 1)))
                  (else
                   (if (not (= r c)) (swap-rows! m r c))
                   (let* ((pivot (mref m c c)) (inv (inverse pivot)))
                     (do ((i (+ c 1) (+ i 1))) ((= i n))
                       (let ((f (modulo (* (mref m i c) inv) p)))
                         (if (not (= f 0))
                             (do ((j c (+ j 1))) ((= j n))
                               (mset! m i j (modulo (- (mref m i j) (* f (mref m c j))) p))))))
                     (column (+ c 1)
                             (modulo (* det (if (= r c) pivot (- p pivot))) p))))))))))

(define (mat-trace m)
  (let loop ((i 0) (s 0)) (if (= i (rows m)) (modulo s p) (loop (+ i 1) (+ s (mref m i i))))))

(define (checksum m)
  (let ((d (data m)))
    (let loop ((i 0) (s 0))
      (if (= i (vector-length d)) s (loop (+ i 1) (modulo (+ (* s 7) (vector-ref d i)) p))))))

(define (round-once n r)
  (let* ((a (matrix-tabulate n n (lambda (i j) (modulo (+ (* i 37) (* j 11) (* i j r) (* i i j) 1) 1009))))
         (b (transpose a))
         (ab (mat-mul a b))
         (s (mat-add ab (identity-matrix n)))
         (a3 (mat-expt a 3)))
    (list (mat-trace ab) (checksum s) (determinant s) (checksum a3) (determinant b))))

(define (run rounds n)
  (let loop ((r 0) (last '()))
    (if (= r rounds) last (loop (+ r 1) (round-once n (+ r 1))))))

(display (run 5 130))
(newline)
