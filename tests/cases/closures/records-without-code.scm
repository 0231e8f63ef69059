;;; Well-known letrec lambdas with two or more free variables keep a record,
;;; but one without code pointer and arity: only their free variables. They
;;; must survive collections (these loops allocate), be found again by
;;; continuations re-entered later, and hold each other in mutual recursion.

(define (count-multiples n k)
  (let loop ((i 0) (c 0) (acc '()))
    (if (= i n)
        (list c (length acc))
        (loop (+ i 1)
              (if (= 0 (remainder i k)) (+ c 1) c)
              (cons (* i k) acc)))))
(display (count-multiples 10000 7))
(newline)

;; Mutual recursion: both capture `step` and `limit`, and each other.
(define (zigzag limit step)
  (letrec ((up (lambda (x out)
                 (if (> x limit) (reverse out) (down (+ x step) (cons x out)))))
           (down (lambda (x out)
                   (if (> x limit) (reverse out) (up (- (* x 2) step) (cons (list x) out))))))
    (up 1 '())))
(display (zigzag 200 3))
(newline)

;; Non-tail recursion deep enough to need the stack, through a record.
(define (sum-squares-to n scale)
  (let walk ((i 0))
    (if (= i n) 0 (+ (* scale i i) (walk (+ i 1))))))
(display (sum-squares-to 100000 3))
(newline)

;; A continuation captured inside such a loop, re-entered after the loop
;; finished: the record it holds is still the loop's.
(define (search items target tag)
  (let ((k-saved #f) (visits 0) (results '()))
    (let ((r (let scan ((xs items) (seen 0))
               (cond ((null? xs) (list tag 'missing seen))
                     ((= (car xs) target)
                      (call/cc (lambda (k) (set! k-saved k)))
                      (list tag 'found seen visits))
                     (else (scan (cdr xs) (+ seen 1)))))))
      (set! results (cons r results))
      (set! visits (+ visits 1))
      (if (and k-saved (< visits 3))
          (k-saved #f)
          (reverse results)))))
(define (numbers n)
  (let build ((i (- n 1)) (acc '()))
    (if (< i 0) acc (build (- i 1) (cons i acc)))))
(display (search (numbers 50) 17 'first))
(newline)
(display (search (numbers 50) 99 'second))
(newline)
