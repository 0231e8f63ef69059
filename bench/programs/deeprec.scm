;;; deeprec: 1e6-deep non-tail recursion (build a list, map it and sum it without tail calls), 15 rounds: deep stacks plus list allocation.

(define (build n)
  (if (= n 0) '() (cons n (build (- n 1)))))

(define (map-square lst)
  (if (null? lst) '() (cons (* (car lst) (car lst)) (map-square (cdr lst)))))

(define (sum-mod lst)
  (if (null? lst) 0 (modulo (+ (car lst) (sum-mod (cdr lst))) 1000000007)))

(define (depth-count n)
  (if (= n 0) 0 (+ 1 (depth-count (- n 1)))))

(define (run rounds n)
  (let loop ((r 0) (acc 0))
    (if (= r rounds)
        acc
        (let ((l (build (+ n r))))
          (loop (+ r 1)
                (modulo (+ acc (sum-mod (map-square l)) (depth-count n)) 1000000007))))))

(display (run 15 1000000))
(newline)
