; A hand-made "delay": the thunk runs at most once, later calls reuse the value.
(define (make-lazy thunk)
  (let ((forced #f) (value #f))
    (lambda ()
      (unless forced
        (set! value (thunk))
        (set! forced #t))
      value)))

(define runs 0)
(define expensive
  (make-lazy (lambda ()
               (set! runs (+ runs 1))
               (let loop ((i 0) (acc 0))
                 (if (= i 1000) acc (loop (+ i 1) (+ acc i)))))))

(display runs) (newline)
(display (expensive)) (newline)
(display (expensive)) (newline)
(display (expensive)) (newline)
(display runs) (newline)

; lazy values depending on other lazy values
(define a (make-lazy (lambda () (display "[computing a]") 2)))
(define b (make-lazy (lambda () (display "[computing b]") (* 10 (a)))))
(display (b)) (newline)
(display (b)) (newline)
(display (a)) (newline)
