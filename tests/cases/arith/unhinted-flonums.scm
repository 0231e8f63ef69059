;; Flonum arithmetic the compiler has no hint of (operands from an unknown
;; call), so each operation is a slow path of the inline arithmetic: results
;; kept live across many collections, all four operations and comparisons,
;; fixnum operands on either side, and the cases the runtime handles itself.
;; (Chez prints the subnormal quotient as 1.5e-308|52, with R6RS's mantissa
;; width; R7RS has no such notation.)
(define (pick v) (car (list v)))
(define op-table (list + - * /))
(define (combine a b)
  (let loop ((ops op-table) (acc '()))
    (if (null? ops) (reverse acc) (loop (cdr ops) (cons ((car ops) a b) acc)))))
(define (step x k)
  ;; x: a flonum at run time; k: a fixnum; neither is known here.
  (let ((y (+ (* x 1.0000001) k)))
    (if (< y 1e6) (- y (/ k 3)) (/ y k))))
(define (run n)
  (let loop ((i 1) (x (pick 0.5)) (keep '()))
    (if (> i n)
        (list x (length keep) (apply + keep))
        (let ((x2 (step x (pick i))))
          (loop (+ i 1) x2 (if (= 0 (modulo i 1000)) (cons x2 keep) keep))))))
(write (run 200000)) (newline)
(for-each (lambda (p) (write (combine (pick (car p)) (pick (cdr p)))) (newline))
          '((1.5 . 2) (2 . 1.5) (0 . 1.5) (1.5 . 0) (-0.0 . 0) (3 . 4) (1/2 . 0.5) (1.5 . 1e308)))
(write (map (lambda (p) (let ((a (pick (car p))) (b (pick (cdr p)))) (list (< a b) (= a b) (>= a b))))
            '((1.5 . 2) (9007199254740993 . 9007199254740992.0) (2 . +nan.0) (-0.0 . 0))))
(newline)
