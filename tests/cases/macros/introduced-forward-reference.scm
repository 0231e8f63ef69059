;; A macro that defines two top-level procedures, the first calling the
;; second, which it introduces (a hidden global): the reference comes before
;; the definition in the expansion.
(define-syntax two
  (syntax-rules ()
    ((_ f) (begin (define (f x) (g x)) (define (g x) (* x x))))))
(two f)
(display (f 10))
(newline)
;; Two uses make two hidden `g`s, each its own.
(define-syntax two-plus
  (syntax-rules ()
    ((_ f k) (begin (define (f x) (g x)) (define (g x) (+ x k))))))
(two-plus add1 1)
(two-plus add100 100)
(display (list (add1 1) (add100 1) (f 3)))
(newline)
;; The user's own `g` is not the macro's.
(define (g x) 'users-g)
(display (list (f 4) (g 4) (add1 4)))
(newline)
