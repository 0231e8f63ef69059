;; Counters with private state: each call to make-counter makes a fresh binding
;; of `count`, so two counters never interfere.
(define (make-counter)
  (let ((count 0))
    (lambda ()
      (set! count (+ count 1))
      count)))

(define a (make-counter))
(define b (make-counter))
(a) (a) (a)
(b)
(display "a: ") (display (a)) (newline)   ; a: 4
(display "b: ") (display (b)) (newline)   ; b: 2
