; Procedures are first-class values: identity via eq?, type via procedure?.
(define (make-adder n) (lambda (x) (+ x n)))
(define a (make-adder 1))
(define b a)

(display (eq? a b)) (newline)
(display (eqv? a a)) (newline)
(display (procedure? a)) (newline)
(display (procedure? car)) (newline)
(display (procedure? 'car)) (newline)
(display (procedure? (lambda args args))) (newline)
(display (procedure? '(lambda (x) x))) (newline)
(display (procedure? (make-adder 2))) (newline)
(display (boolean? a)) (newline)
(display (pair? a)) (newline)

; a closure stored in a pair is still the same object when fetched back
(define p (cons a 'tag))
(display (eq? (car p) a)) (newline)
(display (length (memq b (list car a cdr)))) (newline)
