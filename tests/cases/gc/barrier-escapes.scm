; Deep non-tail recursion (10^5 frames) that allocates while it returns, so
; collections run while the stack barrier moves down through frames an
; earlier collection walked; interleaved with escapes (call/cc) out of the
; middle of the deep part, which drop frames below the barrier without
; returning through them, after which recursions of other shapes reuse that
; stack; and a continuation captured at the bottom re-entered after the
; recursion has returned, so its frames return (and allocate) again.

(define (sum-cars l)
  (let loop ((l l) (s 0))
    (if (null? l) s (loop (cdr l) (+ s (car l))))))

; Returns (n ... 1) as one-element lists, but escapes through k with how
; many frames are below when the return reaches depth `at`.
(define (deep-escape n at k)
  (if (= n 0)
      '()
      (let ((rest (deep-escape (- n 1) at k)))
        (if (= n at) (k (list 'escaped-at n (length rest))))
        (cons (list n) rest))))

; Another frame shape: more live values per frame.
(define (deep-wide n a b c)
  (if (= n 0)
      (list a (length b) (length c))
      (let ((rest (deep-wide (- n 1) (+ a 1) (cons a b) c)))
        (cons (+ n a (length c)) rest))))

(define (escape-round at)
  (call/cc (lambda (k) (deep-escape 100000 at k))))

(write (escape-round 70000)) (newline)
(write (length (deep-wide 50000 0 '() '(x y z)))) (newline)
(write (escape-round 30000)) (newline)
(write (escape-round 99999)) (newline)
(write (sum-cars (deep-wide 80000 1 '() '()))) (newline)
(write (escape-round 2)) (newline)

; Escape from the deep part while the descent has not finished: the
; escape happens below the frames that are still being built.
(define (deep-then-escape n k)
  (if (= n 0)
      (k 'bottom)
      (cons (make-vector 3 n) (deep-then-escape (- n 1) k))))
(write (call/cc (lambda (k) (deep-then-escape 100000 k)))) (newline)
