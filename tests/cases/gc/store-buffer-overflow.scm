; More old objects gain young pointers between two collections than the write
; barrier's store buffer holds (65536): the collector must still find them all.
(define (churn n) (if (= n 0) 'done (begin (cons n n) (churn (- n 1)))))
(define (make-cells n acc) (if (= n 0) acc (make-cells (- n 1) (cons (list 0) acc))))
(define cells (make-cells 100000 '()))
(churn 1000000)                          ; the cells are old now
(define (fill l i) (if (pair? l) (begin (set-car! (car l) (list i)) (fill (cdr l) (+ i 1)))))
(fill cells 0)                           ; 100000 old->young pointers, ~2.4 MB, no collection
(churn 1000000)
(define (sum l acc) (if (pair? l) (sum (cdr l) (+ acc (car (car (car l))))) acc))
(display (sum cells 0))
(newline)
