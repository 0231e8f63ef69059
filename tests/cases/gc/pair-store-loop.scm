; Three million stores of young values into the same two old pairs (a million rounds): the pair
; is remembered once per minor collection (its bit in its chunk's bitmap),
; so the store buffer does not fill and memory stays bounded under the cap
; of the .env file.
(define (churn n) (if (= n 0) 'done (begin (cons n n) (churn (- n 1)))))
(define cell (cons #f #f))
(define other (list 0 0))
(churn 300000)                          ; cell and other are old now
(define (loop i)
  (if (< i 1000000)
      (begin
        (set-car! cell (cons i i))
        (set-cdr! cell (list i))
        (set-car! (cdr other) (vector i))
        (loop (+ i 1)))))
(loop 0)
(churn 300000)
(write (list (car cell) (cdr cell) (cadr other)))
(newline)
