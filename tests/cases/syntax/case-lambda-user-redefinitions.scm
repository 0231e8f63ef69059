;; case-lambda keeps working when the program redefines globals its
;; expansion uses (length, list, cons, apply, error).
(define (length l) 'user-length)
(define (list . xs) 'user-list)
(define (cons a b) 'user-cons)
(define (apply f . args) 'user-apply)
(define k (case-lambda ((a) 'one) ((a b) (+ a b)) ((a . r) r)))
(display (k 1 2)) (newline)
(display (k 1)) (newline)
(display (car (k 1 2 3))) (newline)
(define p (make-parameter 1))
(display (parameterize ((p 2)) (p))) (newline)
(display (p)) (newline)
