;;; binarytrees: build and drop complete binary trees of pairs, with one
;;; long-lived tree (depth 16, a few MB) kept throughout.
(define (make-tree d)
  (if (= d 0)
      (cons '() '())
      (cons (make-tree (- d 1)) (make-tree (- d 1)))))
(define (check t)
  (if (null? (car t))
      1
      (+ 1 (check (car t)) (check (cdr t)))))
(define min-depth 4)
(define max-depth 16)
(define (iterations d) (expt 2 (+ (- max-depth d) min-depth)))
(define (sum-trees d i acc)
  (if (= i 0)
      acc
      (sum-trees d (- i 1) (+ acc (check (make-tree d))))))
(define (depths d long-lived)
  (if (> d max-depth)
      (check long-lived)
      (begin
        (display (sum-trees d (iterations d) 0))
        (newline)
        (depths (+ d 2) long-lived))))
(display (check (make-tree (+ max-depth 1))))
(newline)
(display (depths min-depth (make-tree max-depth)))
(newline)
