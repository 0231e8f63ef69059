;;; SRFI 132, sort libraries: the definitions (lib/srfi/132.sld exports them;
;;; it also includes lib/closc/sort.scm, whose stable merge sort
;;; `closc.sort:vector!` every sort here uses).
;;;
;;; `<` is a strict order. Every sort is the stable merge sort, O(n log n)
;;; comparisons; the `!` list procedures store the sorted elements back into
;;; the pairs of their argument. Selection (`vector-select!`,
;;; `vector-separate!`, `vector-find-median`) is quickselect with a
;;; median-of-three pivot and a three-way partition, expected O(n). Bad
;;; arguments are errors naming the procedure. Helpers: `srfi-132:...`.

;;; Argument checks

(define (srfi-132:check-proc who f)
  (if (not (procedure? f)) (error who "not a procedure" f)))

(define (srfi-132:check-list who l)
  (if (not (list? l)) (error who "not a proper list" l)))

(define (srfi-132:check-vector who v)
  (if (not (vector? v)) (error who "not a vector" v)))

;; The start of an optional range starting at position `i` of `opt`.
(define (srfi-132:opt opt i default)
  (cond ((null? opt) default)
        ((= i 0) (car opt))
        (else (srfi-132:opt (cdr opt) (- i 1) default))))

;; Checks 0 <= start <= end <= (vector-length v).
(define (srfi-132:check-range who v start end)
  (srfi-132:check-vector who v)
  (if (not (and (exact-integer? start) (<= 0 start (vector-length v))))
      (error who "start index out of range" start))
  (if (not (and (exact-integer? end) (<= start end (vector-length v))))
      (error who "end index out of range" end)))

;;; Sortedness

(define (list-sorted? < lis)
  (srfi-132:check-proc 'list-sorted? <)
  (srfi-132:check-list 'list-sorted? lis)
  (or (not (pair? lis))
      (let loop ((prev (car lis)) (rest (cdr lis)))
        (or (not (pair? rest))
            (and (not (< (car rest) prev))
                 (loop (car rest) (cdr rest)))))))

(define (vector-sorted? < v . start+end)
  (srfi-132:check-proc 'vector-sorted? <)
  (srfi-132:check-vector 'vector-sorted? v)
  (let ((start (srfi-132:opt start+end 0 0))
        (end (srfi-132:opt start+end 1 (vector-length v))))
    (srfi-132:check-range 'vector-sorted? v start end)
    (let loop ((i (+ start 1)))
      (or (>= i end)
          (and (not (< (vector-ref v i) (vector-ref v (- i 1))))
               (loop (+ i 1)))))))

;;; Sorting lists

(define (list-sort < lis) (closc.sort:list 'list-sort < lis))

(define (list-stable-sort < lis) (closc.sort:list 'list-stable-sort < lis))

;; The sorted elements go back into the pairs of `lis`.
(define (srfi-132:list-sort! who < lis)
  (closc.sort:check-proc who <)
  (srfi-132:check-list who lis)
  (let ((v (closc.sort:vector! < (list->vector lis))))
    (let loop ((l lis) (i 0))
      (if (pair? l)
          (begin (set-car! l (vector-ref v i)) (loop (cdr l) (+ i 1)))
          lis))))

(define (list-sort! < lis) (srfi-132:list-sort! 'list-sort! < lis))

(define (list-stable-sort! < lis) (srfi-132:list-sort! 'list-stable-sort! < lis))

;;; Sorting vectors

;; A fresh sorted vector of v[start, end).
(define (srfi-132:vector-sort who < v start+end)
  (srfi-132:check-proc who <)
  (srfi-132:check-vector who v)
  (let ((start (srfi-132:opt start+end 0 0))
        (end (srfi-132:opt start+end 1 (vector-length v))))
    (srfi-132:check-range who v start end)
    (closc.sort:vector! < (vector-copy v start end))))

(define (vector-sort < v . start+end)
  (srfi-132:vector-sort 'vector-sort < v start+end))

(define (vector-stable-sort < v . start+end)
  (srfi-132:vector-sort 'vector-stable-sort < v start+end))

(define (srfi-132:vector-sort! who < v start+end)
  (let ((sorted (srfi-132:vector-sort who < v start+end)))
    (vector-copy! v (srfi-132:opt start+end 0 0) sorted)))

(define (vector-sort! < v . start+end)
  (srfi-132:vector-sort! 'vector-sort! < v start+end))

(define (vector-stable-sort! < v . start+end)
  (srfi-132:vector-sort! 'vector-stable-sort! < v start+end))

;;; Merging. On ties the element of the first sequence comes first.

(define (list-merge < lis1 lis2)
  (srfi-132:check-proc 'list-merge <)
  (srfi-132:check-list 'list-merge lis1)
  (srfi-132:check-list 'list-merge lis2)
  (let loop ((a lis1) (b lis2) (rev '()))
    (cond ((null? a) (srfi-132:append-reverse rev b))
          ((null? b) (srfi-132:append-reverse rev a))
          ((< (car b) (car a)) (loop a (cdr b) (cons (car b) rev)))
          (else (loop (cdr a) b (cons (car a) rev))))))

(define (srfi-132:append-reverse rev tail)
  (if (pair? rev) (srfi-132:append-reverse (cdr rev) (cons (car rev) tail)) tail))

;; Iterative: relinks the pairs of both lists with set-cdr!.
(define (list-merge! < lis1 lis2)
  (srfi-132:check-proc 'list-merge! <)
  (srfi-132:check-list 'list-merge! lis1)
  (srfi-132:check-list 'list-merge! lis2)
  (cond ((null? lis1) lis2)
        ((null? lis2) lis1)
        (else
         (let ((head (if (< (car lis2) (car lis1)) lis2 lis1)))
           (let loop ((tail head)
                      (a (if (eq? head lis1) (cdr lis1) lis1))
                      (b (if (eq? head lis2) (cdr lis2) lis2)))
             (cond ((null? a) (set-cdr! tail b))
                   ((null? b) (set-cdr! tail a))
                   ((< (car b) (car a)) (set-cdr! tail b) (loop b a (cdr b)))
                   (else (set-cdr! tail a) (loop a (cdr a) b))))
           head))))

(define (vector-merge < v1 v2 . ranges)
  (srfi-132:check-proc 'vector-merge <)
  (srfi-132:check-vector 'vector-merge v1)
  (srfi-132:check-vector 'vector-merge v2)
  (let* ((start1 (srfi-132:opt ranges 0 0))
         (end1 (srfi-132:opt ranges 1 (vector-length v1)))
         (start2 (srfi-132:opt ranges 2 0))
         (end2 (srfi-132:opt ranges 3 (vector-length v2))))
    (srfi-132:check-range 'vector-merge v1 start1 end1)
    (srfi-132:check-range 'vector-merge v2 start2 end2)
    (let ((r (make-vector (+ (- end1 start1) (- end2 start2)))))
      (closc.sort:merge! < v1 start1 end1 v2 start2 end2 r 0)
      r)))

(define (vector-merge! < to from1 from2 . ranges)
  (srfi-132:check-proc 'vector-merge! <)
  (srfi-132:check-vector 'vector-merge! to)
  (srfi-132:check-vector 'vector-merge! from1)
  (srfi-132:check-vector 'vector-merge! from2)
  (let* ((start (srfi-132:opt ranges 0 0))
         (start1 (srfi-132:opt ranges 1 0))
         (end1 (srfi-132:opt ranges 2 (vector-length from1)))
         (start2 (srfi-132:opt ranges 3 0))
         (end2 (srfi-132:opt ranges 4 (vector-length from2))))
    (srfi-132:check-range 'vector-merge! from1 start1 end1)
    (srfi-132:check-range 'vector-merge! from2 start2 end2)
    (srfi-132:check-range 'vector-merge! to start
                          (+ start (- end1 start1) (- end2 start2)))
    (closc.sort:merge! < from1 start1 end1 from2 start2 end2 to start)))

;;; Deleting neighbour duplicates: an element goes when (= kept x) holds for
;;; the last element kept before it.

(define (list-delete-neighbor-dups = lis)
  (srfi-132:check-proc 'list-delete-neighbor-dups =)
  (srfi-132:check-list 'list-delete-neighbor-dups lis)
  (if (null? lis)
      '()
      (let loop ((kept (car lis)) (rest (cdr lis)) (rev (list (car lis))))
        (cond ((null? rest) (srfi-132:append-reverse rev '()))
              ((= kept (car rest)) (loop kept (cdr rest) rev))
              (else (loop (car rest) (cdr rest) (cons (car rest) rev)))))))

(define (list-delete-neighbor-dups! = lis)
  (srfi-132:check-proc 'list-delete-neighbor-dups! =)
  (srfi-132:check-list 'list-delete-neighbor-dups! lis)
  (if (pair? lis)
      (let loop ((last lis) (rest (cdr lis)))
        (cond ((null? rest) (set-cdr! last '()))
              ((= (car last) (car rest)) (loop last (cdr rest)))
              (else (set-cdr! last rest) (loop rest (cdr rest))))))
  lis)

;; Packs the kept elements of v[start, end) into v[start, new-end); returns new-end.
(define (srfi-132:dedup! who = v start+end)
  (srfi-132:check-proc who =)
  (srfi-132:check-vector who v)
  (let ((start (srfi-132:opt start+end 0 0))
        (end (srfi-132:opt start+end 1 (vector-length v))))
    (srfi-132:check-range who v start end)
    (if (= start end)
        end
        (let loop ((i (+ start 1)) (out (+ start 1)))
          (if (< i end)
              (let ((x (vector-ref v i)))
                (if (= (vector-ref v (- out 1)) x)
                    (loop (+ i 1) out)
                    (begin (vector-set! v out x) (loop (+ i 1) (+ out 1)))))
              out)))))

(define (vector-delete-neighbor-dups = v . start+end)
  (srfi-132:check-vector 'vector-delete-neighbor-dups v)
  (let* ((start (srfi-132:opt start+end 0 0))
         (end (srfi-132:opt start+end 1 (vector-length v))))
    (srfi-132:check-range 'vector-delete-neighbor-dups v start end)
    (let* ((copy (vector-copy v start end))
           (new-end (srfi-132:dedup! 'vector-delete-neighbor-dups = copy '())))
      (vector-copy copy 0 new-end))))

(define (vector-delete-neighbor-dups! = v . start+end)
  (srfi-132:dedup! 'vector-delete-neighbor-dups! = v start+end))

;;; Selection

(define (srfi-132:swap! v i j)
  (let ((x (vector-ref v i)))
    (vector-set! v i (vector-ref v j))
    (vector-set! v j x)))

;; The median of three elements under <.
(define (srfi-132:median3 < a b c)
  (if (< b a)
      (cond ((< c b) b) ((< c a) c) (else a))
      (cond ((< c a) a) ((< c b) c) (else b))))

;; Reorders v[lo, hi) so that index k (lo <= k < hi) holds the element a
;; full sort would put there, everything before it is not greater and
;; everything after it not less; returns that element.
(define (srfi-132:select! < v k lo hi)
  (let loop ((lo lo) (hi hi))
    (let ((pivot (srfi-132:median3 < (vector-ref v lo)
                                   (vector-ref v (quotient (+ lo hi) 2))
                                   (vector-ref v (- hi 1)))))
      ;; Three-way partition: [lo, lt) < pivot, [lt, gt) equal, [gt, hi) >.
      (let part ((lt lo) (i lo) (gt hi))
        (if (< i gt)
            (let ((x (vector-ref v i)))
              (cond ((< x pivot) (srfi-132:swap! v lt i) (part (+ lt 1) (+ i 1) gt))
                    ((< pivot x) (srfi-132:swap! v i (- gt 1)) (part lt i (- gt 1)))
                    (else (part lt (+ i 1) gt))))
            (cond ((< k lt) (loop lo lt))
                  ((>= k gt) (loop gt hi))
                  (else pivot)))))))

(define (srfi-132:select-args who < v k start+end)
  (srfi-132:check-proc who <)
  (srfi-132:check-vector who v)
  (let ((start (srfi-132:opt start+end 0 0))
        (end (srfi-132:opt start+end 1 (vector-length v))))
    (srfi-132:check-range who v start end)
    (if (not (exact-integer? k)) (error who "not an exact integer" k))
    (values start end)))

(define (vector-select! < v k . start+end)
  (let-values (((start end) (srfi-132:select-args 'vector-select! < v k start+end)))
    (if (not (and (<= 0 k) (< k (- end start))))
        (error 'vector-select! "index out of range" k))
    (srfi-132:select! < v (+ start k) start end)))

(define (vector-separate! < v k . start+end)
  (let-values (((start end) (srfi-132:select-args 'vector-separate! < v k start+end)))
    (if (not (and (<= 0 k) (<= k (- end start))))
        (error 'vector-separate! "index out of range" k))
    (if (< 0 k (- end start))
        (srfi-132:select! < v (+ start k) start end))))

(define (srfi-132:mean a b) (/ (+ a b) 2))

(define (vector-find-median < v knil . mean)
  (srfi-132:check-proc 'vector-find-median <)
  (srfi-132:check-vector 'vector-find-median v)
  (let ((n (vector-length v))
        (mean (if (pair? mean) (car mean) srfi-132:mean)))
    (cond ((= n 0) knil)
          ((odd? n) (srfi-132:select! < (vector-copy v) (quotient n 2) 0 n))
          (else
           ;; The lower middle element, then the least of those after it.
           (let* ((w (vector-copy v))
                  (k (- (quotient n 2) 1))
                  (lower (srfi-132:select! < w k 0 n)))
             (let loop ((i (+ k 2)) (upper (vector-ref w (+ k 1))))
               (if (< i n)
                   (loop (+ i 1) (let ((x (vector-ref w i))) (if (< x upper) x upper)))
                   (mean lower upper))))))))

;; Leaves `v` sorted.
(define (vector-find-median! < v knil . mean)
  (srfi-132:check-proc 'vector-find-median! <)
  (srfi-132:check-vector 'vector-find-median! v)
  (closc.sort:vector! < v)
  (let ((n (vector-length v))
        (mean (if (pair? mean) (car mean) srfi-132:mean)))
    (cond ((= n 0) knil)
          ((odd? n) (vector-ref v (quotient n 2)))
          (else (mean (vector-ref v (- (quotient n 2) 1))
                      (vector-ref v (quotient n 2)))))))
