; A getter and a setter closing over one mutable binding.
(define (make-cell initial)
  (let ((value initial))
    (define (get) value)
    (define (set v) (set! value v))
    (cons get set)))

(define cell (make-cell 'start))
(define get (car cell))
(define put (cdr cell))

(display (get)) (newline)
(put 'middle)
(display (get)) (newline)
(put (list 1 2 3))
(display (get)) (newline)

; a second cell is independent of the first
(define other (make-cell 0))
((cdr other) 99)
(display ((car other))) (newline)
(display (get)) (newline)
