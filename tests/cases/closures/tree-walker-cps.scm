; Continuation-passing style: continuations are closures built on the fly.
(define (tree-sum-cps tree k)
  (cond ((null? tree) (k 0))
        ((pair? tree)
         (tree-sum-cps (car tree)
                       (lambda (left)
                         (tree-sum-cps (cdr tree)
                                       (lambda (right) (k (+ left right)))))))
        (else (k tree))))

(display (tree-sum-cps '(1 (2 3) ((4) 5) 6) (lambda (x) x))) (newline)
(display (tree-sum-cps '() (lambda (x) (list 'sum x)))) (newline)

(define (flatten-cps tree k)
  (cond ((null? tree) (k '()))
        ((pair? tree)
         (flatten-cps (car tree)
                      (lambda (l) (flatten-cps (cdr tree)
                                               (lambda (r) (k (append l r)))))))
        (else (k (list tree)))))
(display (flatten-cps '(a (b (c d)) ((e)) f) (lambda (x) x))) (newline)

; early exit with an escape continuation passed explicitly
(define (product-cps l k escape)
  (cond ((null? l) (k 1))
        ((= (car l) 0) (escape 'zero-found))
        (else (product-cps (cdr l) (lambda (p) (k (* (car l) p))) escape))))
(display (product-cps '(1 2 3 4 5) (lambda (x) x) (lambda (x) x))) (newline)
(display (product-cps '(1 2 0 4 5) (lambda (x) x) (lambda (x) x))) (newline)
