;; Known calls: a named let and mutually recursive internal definitions are
;; called directly; `apply-twice` receives its procedure as an argument, so
;; its call is unknown.
(define (sum-to n)
  (let loop ((i 0) (acc 0))
    (if (> i n) acc (loop (+ i 1) (+ acc i)))))

(define (parity n)
  (define (ev? k) (if (= k 0) #t (od? (- k 1))))
  (define (od? k) (if (= k 0) #f (ev? (- k 1))))
  (if (ev? n) 'even 'odd))

(define (apply-twice f x) (f (f x)))

(display (sum-to 10)) (newline)
(display (parity 7)) (newline)
(display (apply-twice (lambda (x) (* x 2)) 5)) (newline)
