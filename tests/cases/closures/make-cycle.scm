; A cyclic iterator: a closure cycling forever through a list.
(define (make-cycle items)
  (let ((rest items))
    (lambda ()
      (when (null? rest) (set! rest items))
      (let ((x (car rest)))
        (set! rest (cdr rest))
        x))))

(define colors (make-cycle '(red green blue)))
(define (take-n gen n)
  (let loop ((i 0) (acc '()))
    (if (= i n) (reverse acc) (loop (+ i 1) (cons (gen) acc)))))
(display (take-n colors 7)) (newline)
(display (take-n colors 2)) (newline)

; round-robin over a list of generators, themselves closures
(define (round-robin gens)
  (let ((cycle (make-cycle gens)))
    (lambda () ((cycle)))))
(define rr (round-robin (list (make-cycle '(1 2 3)) (make-cycle '(a b)))))
(display (take-n rr 8)) (newline)
