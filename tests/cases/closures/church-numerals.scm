; Church numerals: numbers as repeated function application.
(define zero (lambda (f) (lambda (x) x)))
(define (succ n) (lambda (f) (lambda (x) (f ((n f) x)))))
(define (plus m n) (lambda (f) (lambda (x) ((m f) ((n f) x)))))
(define (mult m n) (lambda (f) (m (n f))))
(define (power m n) (n m))
(define (church->int n) ((n (lambda (k) (+ k 1))) 0))
(define (int->church k) (if (= k 0) zero (succ (int->church (- k 1)))))

(define one (succ zero))
(define two (succ one))
(define three (plus one two))

(display (church->int zero)) (newline)
(display (church->int one)) (newline)
(display (church->int three)) (newline)
(display (church->int (mult three (int->church 7)))) (newline)
(display (church->int (power two (int->church 10)))) (newline)
(display (church->int (plus (int->church 100) (int->church 23)))) (newline)

; Church booleans
(define ctrue (lambda (a) (lambda (b) a)))
(define cfalse (lambda (a) (lambda (b) b)))
(define (church-zero? n) ((n (lambda (ignored) cfalse)) ctrue))
(display (((church-zero? zero) 'yes) 'no)) (newline)
(display (((church-zero? three) 'yes) 'no)) (newline)

; a Church-encoded list: the non-numeric interpretation
(display (((int->church 4) (lambda (l) (cons '* l))) '())) (newline)
