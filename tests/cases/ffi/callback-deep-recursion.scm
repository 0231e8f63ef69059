; hand-written .out: closc's (closc ffi). Deep non-tail recursion on both
; sides of C frames: a 5*10^4-deep Scheme recursion calls C's qsort at its
; bottom, whose comparator (a callback) runs a 2*10^4-deep recursion that allocates
; while it returns, so collections run inside the callback with the stack
; barrier and its stops in the frames above and below the C frames; then
; the outer recursion returns, allocating, through the frames the
; collections in the callback walked.
(import (scheme base) (scheme write) (closc ffi))
(define qsort (foreign-procedure "qsort" (pointer size_t size_t pointer) void))

(define (count-down n)
  (if (= n 0) '() (let ((rest (count-down (- n 1)))) (cons (list n) rest))))

(define calls 0)
(define buf #f)
(define (element p)
  (foreign-ref 'int64 buf
               (- (pointer->integer p) (pointer->integer (foreign-buffer-pointer buf)))))
(define compare
  (foreign-callback
   (lambda (a b)
     (set! calls (+ calls 1))
     (let ((x (element a)) (y (element b)))
       (if (not (= (length (count-down 20000)) 20000)) (error "bad list"))
       (cond ((< x y) -1) ((> x y) 1) (else 0))))
   (pointer pointer) int))

(define items '(5 -3 9 0 12 7))

(define (sort-at-bottom n)
  (if (= n 0)
      (begin
        (set! buf (make-foreign-buffer (* 8 (length items))))
        (let fill ((i 0) (vs items))
          (unless (null? vs)
            (foreign-set! 'int64 buf (* 8 i) (car vs))
            (fill (+ i 1) (cdr vs))))
        (qsort buf (length items) 8 compare)
        (let ((sorted (let get ((i (- (length items) 1)) (acc '()))
                        (if (< i 0) acc (get (- i 1) (cons (foreign-ref 'int64 buf (* 8 i)) acc))))))
          (free-foreign-buffer buf)
          (list sorted)))
      (let ((rest (sort-at-bottom (- n 1))))
        (cons (vector n) rest))))

(define result (sort-at-bottom 50000))
(write (list (> calls 0) (length result) (vector-ref (car result) 0) (list-ref result 50000)))
(newline)
