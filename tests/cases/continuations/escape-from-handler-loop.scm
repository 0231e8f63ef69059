;; An escape continuation used as a loop exit from deep inside nested
;; procedures and a vector-for-each.
(define (find-first pred v)
  (call/cc
    (lambda (return)
      (vector-for-each (lambda (x) (if (pred x) (return x))) v)
      #f)))
(display (find-first even? (vector 1 3 5 6 7 8)))
(newline)
(display (find-first even? (vector 1 3 5)))
(newline)
(define (product lst)
  (call/cc
    (lambda (break)
      (let loop ((l lst))
        (cond ((null? l) 1)
              ((= (car l) 0) (break 0))
              (else (* (car l) (loop (cdr l)))))))))
(display (list (product '(1 2 3 4)) (product '(1 2 0 4 5))))
(newline)
