;; A tour of closure semantics.

;; 1. Closures capture bindings, not values: a later set! is seen.
(define x 1)
(define (get-x) x)
(set! x 2)
(display (get-x)) (newline)                        ; 2

;; 2. Two closures made in the same scope share one binding.
(define (make-cell v)
  (cons (lambda () v) (lambda (new) (set! v new))))
(define cell (make-cell 'old))
((cdr cell) 'new)
(display ((car cell))) (newline)                   ; new

;; 3. Each loop iteration gets a fresh binding.
(define thunks
  (do ((i 0 (+ i 1))
       (acc '() (cons (lambda () i) acc)))
      ((= i 3) (reverse acc))))
(display (map (lambda (t) (t)) thunks)) (newline)  ; (0 1 2)

;; 4. Tail calls never grow the stack: a 10^7-step mutual recursion.
(define (my-even? n) (if (= n 0) #t (my-odd? (- n 1))))
(define (my-odd? n) (if (= n 0) #f (my-even? (- n 1))))
(display (my-even? 10000000)) (newline)            ; #t
