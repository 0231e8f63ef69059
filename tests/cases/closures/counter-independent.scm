; Two counters built by the same factory have independent private state.
(define (make-counter)
  (let ((count 0))
    (lambda ()
      (set! count (+ count 1))
      count)))

(define c1 (make-counter))
(define c2 (make-counter))

(c1) (c1) (c1)
(display "c1: ") (display (c1)) (newline)
(display "c2: ") (display (c2)) (newline)
(display "c1: ") (display (c1)) (newline)
(display "c2: ") (display (c2)) (newline)
(define c3 (make-counter))
(display "c3: ") (display (c3)) (newline)
