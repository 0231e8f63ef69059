;;; destruct: in-place list surgery with set-car!/set-cdr! on 50,000-element lists (destructive reverse, merge sort, filter and rotate; the write barrier).

(define seed 12345)
(define (next-random!)
  (set! seed (modulo (+ (* seed 1103515245) 12345) 2147483648))
  (quotient seed 65536))

(define (random-list n)
  (let loop ((i 0) (acc '()))
    (if (= i n) acc (loop (+ i 1) (cons (modulo (next-random!) 100000) acc)))))

;; Reverse by relinking the cdrs.
(define (reverse-in-place! lst)
  (let loop ((prev '()) (cur lst))
    (if (null? cur)
        prev
        (let ((next (cdr cur)))
          (set-cdr! cur prev)
          (loop cur next)))))

;; Merge two sorted lists by relinking their cells.
(define (merge-cells! a b)
  (let ((head (cons 0 '())))
    (let loop ((tail head) (a a) (b b))
      (cond ((null? a) (set-cdr! tail b))
            ((null? b) (set-cdr! tail a))
            ((<= (car a) (car b)) (set-cdr! tail a) (loop a (cdr a) b))
            (else (set-cdr! tail b) (loop b a (cdr b)))))
    (cdr head)))

;; Split after the middle cell, then sort both halves.
(define (msort! lst)
  (if (or (null? lst) (null? (cdr lst)))
      lst
      (let split ((slow lst) (fast (cdr lst)))
        (if (and (pair? fast) (pair? (cdr fast)))
            (split (cdr slow) (cddr fast))
            (let ((back (cdr slow)))
              (set-cdr! slow '())
              (merge-cells! (msort! lst) (msort! back)))))))

;; Drop the cells whose car fails KEEP?, without allocating.
(define (filter! keep? lst)
  (let ((head (cons 0 lst)))
    (let loop ((prev head))
      (let ((cur (cdr prev)))
        (cond ((null? cur) (cdr head))
              ((keep? (car cur)) (loop cur))
              (else (set-cdr! prev (cdr cur)) (loop prev)))))))

;; Add K to every element in place.
(define (shift! lst k)
  (let loop ((p lst))
    (if (pair? p)
        (begin (set-car! p (+ (car p) k)) (loop (cdr p)))))
  lst)

(define (last-pair* lst)
  (if (null? (cdr lst)) lst (last-pair* (cdr lst))))

;; Move the first N cells to the end.
(define (rotate! lst n)
  (if (or (= n 0) (null? lst) (null? (cdr lst)))
      lst
      (let ((end (last-pair* lst)) (new-head (cdr lst)))
        (set-cdr! end lst)
        (set-cdr! lst '())
        (rotate! new-head (- n 1)))))

(define (checksum lst)
  (let loop ((p lst) (i 1) (s 0))
    (if (null? p) s (loop (cdr p) (+ i 1) (modulo (+ s (* i (car p))) 1000000007)))))

(define (sorted? lst)
  (or (null? lst) (null? (cdr lst))
      (and (<= (car lst) (cadr lst)) (sorted? (cdr lst)))))

(define (round-once n)
  (let* ((l (random-list n))
         (l (reverse-in-place! l))
         (l (msort! l))
         (ok (sorted? l))
         (l (filter! even? l))
         (l (shift! l 3))
         (l (rotate! l 5))
         (l (reverse-in-place! l)))
    (list ok (length l) (checksum l))))

(define (run rounds)
  (let loop ((i 0) (last '()))
    (if (= i rounds) last (loop (+ i 1) (round-once 50000)))))

(display (run 20))
(newline)
