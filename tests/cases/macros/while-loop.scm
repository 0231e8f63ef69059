;; A while loop macro; its named-let `loop` and `when` stay hygienic even if
;; the user has variables called loop and when.
(define-syntax while
  (syntax-rules ()
    ((_ cond body ...) (let loop () (when cond body ... (loop))))))
(define i 0)
(while (< i 5) (display i) (set! i (+ i 1)))
(newline)
(let ((loop 100) (when 10) (n 0))
  (while (< n 3)
    (display (+ loop when n)) (newline)
    (set! n (+ n 1))))
(define (sum-to k)
  (let ((acc 0) (j 1))
    (while (<= j k) (set! acc (+ acc j)) (set! j (+ j 1)))
    acc))
(display (sum-to 100)) (newline)
