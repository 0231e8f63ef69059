;;; generators: generators built on call/cc that walk trees and lists and are resumed once per element (same-fringe tests, merging of sorted streams, a filtered count): a capture and a re-entry per value.

;; A generator of the values `walk` passes to its `yield`, then of `done`.
(define (make-generator walk)
  (define return #f)
  (define resume #f)
  (define (yield v)
    (call-with-current-continuation
     (lambda (k)
       (set! resume k)
       (return v))))
  (lambda ()
    (call-with-current-continuation
     (lambda (r)
       (set! return r)
       (if resume
           (resume #f)
           (begin
             (walk yield)
             (set! resume (lambda (ignored) (return 'done)))
             (return 'done)))))))

(define (tree-walker tree)
  (lambda (yield)
    (let walk ((t tree))
      (cond ((pair? t) (walk (car t)) (walk (cdr t)))
            ((null? t) #f)
            (else (yield t))))))

(define (list-walker lst)
  (lambda (yield) (for-each yield lst)))

;; Two trees of the same fringe, shaped differently.
(define (left-tree lo hi)
  (if (= lo hi) lo (cons (left-tree lo (- hi 1)) hi)))
(define (balanced-tree lo hi)
  (if (= lo hi)
      lo
      (let ((mid (quotient (+ lo hi) 2)))
        (cons (balanced-tree lo mid) (balanced-tree (+ mid 1) hi)))))

(define (same-fringe? a b)
  (let ((ga (make-generator (tree-walker a)))
        (gb (make-generator (tree-walker b))))
    (let loop ()
      (let ((x (ga)) (y (gb)))
        (cond ((and (eq? x 'done) (eq? y 'done)) #t)
              ((equal? x y) (loop))
              (else #f))))))

;; The merge of two generators of ascending numbers, as a list.
(define (merge-generators ga gb)
  (let loop ((x (ga)) (y (gb)) (acc '()))
    (cond ((and (eq? x 'done) (eq? y 'done)) (reverse acc))
          ((eq? x 'done) (loop x (gb) (cons y acc)))
          ((eq? y 'done) (loop (ga) y (cons x acc)))
          ((< x y) (loop (ga) y (cons x acc)))
          (else (loop x (gb) (cons y acc))))))

(define (iota-step n start step)
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0) acc (loop (- i 1) (cons (+ start (* i step)) acc)))))

(define (count-if-generated pred g)
  (let loop ((n 0))
    (let ((x (g)))
      (cond ((eq? x 'done) n)
            ((pred x) (loop (+ n 1)))
            (else (loop n))))))

(define (run rounds)
  (let loop ((i 0) (same 0) (merged 0) (counted 0))
    (if (= i rounds)
        (list same merged counted)
        (let* ((n (+ 2000 (* 100 (modulo i 7))))
               (a (left-tree 1 n))
               (b (balanced-tree 1 n))
               (c (balanced-tree 1 (+ n 1)))
               (s (+ (if (same-fringe? a b) 1 0) (if (same-fringe? a c) 1 0)))
               (m (merge-generators
                   (make-generator (list-walker (iota-step n 0 3)))
                   (make-generator (tree-walker (balanced-tree 1 n)))))
               (k (count-if-generated
                   (lambda (x) (= 0 (modulo x 3)))
                   (make-generator (tree-walker (cons a b))))))
          (loop (+ i 1) (+ same s) (+ merged (length m)) (+ counted k))))))

(display (run 200))
(newline)
