;; propagate-constants: a `let` variable bound to a constant without
;; identity and never assigned is replaced by the constant.
(define (kinds)
  (let ((n 42) (x 1.5) (big 123456789012345678901234567890) (c #\a) (b #f)
        (s 'sym) (e '()))
    (list n x big c b s e)))
(define (kept)                       ; these stay bound
  (let ((str "text") (l '(1 2)) (v #(1 2)) (counter 0))
    (set! counter (+ counter 1))
    (list (eq? str str) (eq? l l) v counter)))
(define (each f xs) (if (null? xs) '() (cons (f (car xs)) (each f (cdr xs)))))
(define (scaled xs)
  (define factor 3)                    ; a body's constant: the closure below
  (each (lambda (x) (* x factor)) xs)) ; captures nothing
(define (sum-to n)
  (let loop ((i 0) (acc 0))           ; the loop's first arguments are literals
    (if (> i n) acc (loop (+ i 1) (+ acc i)))))
(display (list (kinds) (kept) (scaled '(1 2)) (sum-to 10)))
(newline)
