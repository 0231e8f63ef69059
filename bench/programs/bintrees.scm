;;; bintrees: binary trees allocated and dropped (many short-lived trees of depth 4..18 walked once, beside one long-lived tree of depth 19).

;; A node is a pair of subtrees; a leaf is the empty list.
(define (build depth)
  (if (= depth 0)
      (cons '() '())
      (let ((d (- depth 1)))
        (cons (build d) (build d)))))

(define (nodes t)
  (if (null? (car t))
      1
      (+ 1 (nodes (car t)) (nodes (cdr t)))))

;; Build and count 2^(max-depth - depth + min-depth) trees of DEPTH.
(define (sweep depth iterations)
  (let loop ((i 0) (total 0))
    (if (= i iterations)
        total
        (loop (+ i 1) (+ total (nodes (build depth)))))))

(define (run min-depth max-depth)
  (let ((long-lived (build (+ max-depth 1))))
    (let loop ((d min-depth) (acc '()))
      (if (> d max-depth)
          (list (nodes long-lived) (reverse acc))
          (loop (+ d 2)
                (cons (sweep d (expt 2 (+ (- max-depth d) min-depth))) acc))))))

(display (run 4 18))
(newline)
