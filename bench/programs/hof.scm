;;; hof: higher-order procedures (map over one and two lists, for-each, apply, variadic lambdas with rest lists, folds, filters).

(define (fold-left* f init lst)
  (if (null? lst) init (fold-left* f (f init (car lst)) (cdr lst))))

(define (fold-right* f init lst)
  (if (null? lst) init (f (car lst) (fold-right* f init (cdr lst)))))

(define (filter* keep? lst)
  (fold-right* (lambda (x acc) (if (keep? x) (cons x acc) acc)) '() lst))

(define (iota* n) (let loop ((i (- n 1)) (acc '())) (if (< i 0) acc (loop (- i 1) (cons i acc)))))

;; Variadic: sum of squares of all arguments.
(define (sum-squares . xs) (fold-left* (lambda (acc x) (+ acc (* x x))) 0 xs))

;; Variadic with a required argument.
(define (scale k . xs) (map (lambda (x) (* k x)) xs))

(define (curry f . early) (lambda late (apply f (append early late))))

(define (round-once xs ys)
  (let* ((sums (map + xs ys))
         (prods (map (lambda (a b) (* a b)) xs ys))
         (odd (filter* odd? sums))
         (total 0))
    (for-each (lambda (p) (set! total (+ total (modulo p 7)))) prods)
    (+ total
       (apply + odd)
       (apply sum-squares (list-head* xs 20))
       (apply max (apply scale 3 (list-head* ys 10)))
       ((curry + 1 2 3) 4 5)
       (fold-left* max 0 (map (lambda (x) (remainder x 13)) sums))
       (length (fold-right* cons '() prods)))))

(define (list-head* lst n)
  (if (= n 0) '() (cons (car lst) (list-head* (cdr lst) (- n 1)))))

(define (run rounds)
  (let ((xs (iota* 500))
        (ys (map (lambda (i) (- 1000 i)) (iota* 500))))
    (let loop ((i 0) (acc 0))
      (if (= i rounds) acc (loop (+ i 1) (+ acc (round-once xs ys)))))))

(display (run 20000))
(newline)
