; Continuations captured deep down in a recursion that allocates while
; it returns, re-entered after the recursion returned: the frames return
; (and allocate, and collections run) again, each time the stack barrier is
; planted and moved through them anew.

(define (sum-cars l)
  (let loop ((l l) (s 0))
    (if (null? l) s (loop (cdr l) (+ s (car l))))))

(define (deep-wide n a b c)
  (if (= n 0)
      (list a (length b) (length c))
      (let ((rest (deep-wide (- n 1) (+ a 1) (cons a b) c)))
        (cons (+ n a (length c)) rest))))

; Re-entry: a continuation captured at the bottom of a 2*10^4-deep
; recursion, resumed twice after the recursion returned.
(define saved #f)
(define (deep-capture n)
  (if (= n 0)
      (begin (call/cc (lambda (k) (set! saved k))) '())
      (let ((rest (deep-capture (- n 1))))
        (cons (* 2 n) rest))))

(define (reenter-test)
  (let ((count 0) (sums '()))
    (let ((l (deep-capture 20000)))
      (set! count (+ count 1))
      (set! sums (cons (list count (length l) (sum-cars l)) sums))
      (if (< count 3)
          (saved #f)
          (reverse sums)))))
(write (reenter-test)) (newline)

; A generator-like re-entry from the middle: capture at depth 10000 while
; returning, resume it from outside.
(define mid #f)
(define (deep-mid n)
  (if (= n 0)
      '()
      (let ((rest (deep-mid (- n 1))))
        (if (= n 10000) (call/cc (lambda (k) (set! mid k))))
        (cons (list n) rest))))
(define (mid-test)
  (let ((runs 0))
    (let ((l (deep-mid 20000)))
      (set! runs (+ runs 1))
      (if (< runs 4)
          (begin (deep-wide 5000 0 '() '()) (mid #f))
          (list runs (length l) (car (car l)))))))
(write (mid-test)) (newline)
