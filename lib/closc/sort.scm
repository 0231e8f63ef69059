;;; `sort` for the script environment, and the stable merge sort that
;;; (srfi 132) shares (lib/srfi/132.sld includes this file too).
;;;
;;; (sort sequence less?) returns a new list or vector holding the elements
;;; of the list or vector `sequence` in the order `less?` (a strict order)
;;; gives; elements that `less?` does not order keep their relative order
;;; (stable). O(n log n) calls to `less?`.
;;;
;;; The core sorts a vector in place: a top-down merge sort alternating
;;; between the vector and one scratch copy (each level merges from one into
;;; the other, so nothing is copied back), with insertion sort for short
;;; runs and a plain copy where two runs are already in order. Merges take
;;; the left element unless the right one is strictly less: that keeps the
;;; sort stable. Helpers are named `closc.sort:...`.

;; Runs up to this length are sorted by insertion.
(define closc.sort:short-run 10)

;; Sorts the elements of src[lo, hi) into dst[lo, hi); on entry both hold
;; the same elements there, and src may be used as scratch.
(define (closc.sort:split! less? src dst lo hi)
  (if (<= (- hi lo) closc.sort:short-run)
      (closc.sort:insertion! less? dst lo hi)
      (let ((mid (quotient (+ lo hi) 2)))
        (closc.sort:split! less? dst src lo mid)
        (closc.sort:split! less? dst src mid hi)
        (closc.sort:merge! less? src lo mid src mid hi dst lo))))

(define (closc.sort:insertion! less? v lo hi)
  (let outer ((i (+ lo 1)))
    (if (< i hi)
        (let ((x (vector-ref v i)))
          (let inner ((j (- i 1)))
            (if (and (>= j lo) (less? x (vector-ref v j)))
                (begin (vector-set! v (+ j 1) (vector-ref v j)) (inner (- j 1)))
                (vector-set! v (+ j 1) x)))
          (outer (+ i 1))))))

;; Merges a[alo, ahi) and b[blo, bhi) into dst from index k, stably.
(define (closc.sort:merge! less? a alo ahi b blo bhi dst k)
  (if (and (< alo ahi) (< blo bhi)
           (not (less? (vector-ref b blo) (vector-ref a (- ahi 1)))))
      ;; Already in order: the first run, then the second.
      (begin
        (vector-copy! dst k a alo ahi)
        (vector-copy! dst (+ k (- ahi alo)) b blo bhi))
      (let loop ((i alo) (j blo) (k k))
        (cond ((= i ahi) (vector-copy! dst k b j bhi))
              ((= j bhi) (vector-copy! dst k a i ahi))
              (else
               (let ((x (vector-ref a i)) (y (vector-ref b j)))
                 (if (less? y x)
                     (begin (vector-set! dst k y) (loop i (+ j 1) (+ k 1)))
                     (begin (vector-set! dst k x) (loop (+ i 1) j (+ k 1))))))))))

;; Sorts the vector `v` in place (stable), using one scratch copy.
(define (closc.sort:vector! less? v)
  (let ((n (vector-length v)))
    (if (> n 1)
        (closc.sort:split! less? (vector-copy v) v 0 n))
    v))

(define (closc.sort:check-proc who f)
  (if (not (procedure? f)) (error who "not a procedure" f)))

(define (closc.sort:list who less? lis)
  (closc.sort:check-proc who less?)
  (if (not (list? lis)) (error who "not a proper list" lis))
  (vector->list (closc.sort:vector! less? (list->vector lis))))

(define (sort seq less?)
  (cond ((list? seq) (closc.sort:list 'sort less? seq))
        ((vector? seq)
         (closc.sort:check-proc 'sort less?)
         (closc.sort:vector! less? (vector-copy seq)))
        (else (error 'sort "not a list or vector" seq))))
