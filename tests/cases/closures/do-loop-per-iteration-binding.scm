; In R7RS, do rebinds its variables afresh on every iteration,
; so closures created in different iterations see different values.
(define thunks '())

(do ((i 0 (+ i 1)))
    ((= i 5))
  (set! thunks (cons (lambda () (* i i)) thunks)))

(for-each (lambda (t) (display (t)) (display " ")) (reverse thunks))
(newline)

; two loop variables, both captured
(define pairs
  (do ((i 0 (+ i 1))
       (j 10 (- j 1))
       (acc '() (cons (lambda () (list i j)) acc)))
      ((= i 4) (reverse acc))))

(for-each (lambda (p) (display (p))) pairs)
(newline)
