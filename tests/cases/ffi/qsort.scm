; hand-written .out: closc's (closc ffi): C's qsort calling a Scheme
; comparator (a callback) that allocates, on elements of a foreign buffer
; (under GC-STRESS, a collection at every allocation in the comparator).
(import (scheme base) (scheme write) (closc ffi))
(define qsort (foreign-procedure "qsort" (pointer size_t size_t pointer) void))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))

(define (sort-buffer type size values less?)
  (let* ((n (length values))
         (buf (make-foreign-buffer (* size n)))
         (base (pointer->integer (foreign-buffer-pointer buf)))
         (element (lambda (p) (foreign-ref type buf (- (pointer->integer p) base))))
         (calls 0)
         (garbage '())
         (compare
          (foreign-callback
           (lambda (a b)
             (set! calls (+ calls 1))
             (set! garbage (cons (make-vector 4 calls) (if (> calls 100) '() garbage)))
             (let ((x (element a)) (y (element b)))
               (cond ((less? x y) -1) ((less? y x) 1) (else 0))))
           (pointer pointer) int)))
    (let fill ((i 0) (vs values))
      (unless (null? vs)
        (foreign-set! type buf (* size i) (car vs))
        (fill (+ i 1) (cdr vs))))
    (qsort buf n size compare)
    (let ((sorted (let collect ((i (- n 1)) (acc '()))
                    (if (< i 0) acc (collect (- i 1) (cons (foreign-ref type buf (* size i)) acc))))))
      (free-foreign-buffer buf)
      (list (> calls 0) sorted))))

(define (pseudo-random n) (let loop ((i 0) (acc '())) (if (= i n) acc (loop (+ i 1) (cons (modulo (* (+ i 1) 7919) 1009) acc)))))
(define result (sort-buffer 'int64 8 (pseudo-random 300) <))
(show (car result) (length (cadr result)) (list-tail (cadr result) 295))
(show (let ok ((l (cadr result))) (or (null? (cdr l)) (and (<= (car l) (cadr l)) (ok (cdr l))))))
(show (sort-buffer 'double 8 '(2.5 -1.0 3.25 0.0 -7.5) <))
(show (sort-buffer 'int32 4 '(5 -3 9 0 -3 12) >))
; The same procedure and signature: the same C function pointer.
(define (by-first a b) 0)
(define c1 (foreign-callback by-first (pointer pointer) int))
(define c2 (foreign-callback by-first (pointer pointer) int))
(show (pointer? c1) (= (pointer->integer c1) (pointer->integer c2)) (null-pointer? c1))
