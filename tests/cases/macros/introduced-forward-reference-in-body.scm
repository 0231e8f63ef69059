;; The same macros inside a body: internal definitions, the reference before
;; the definition, both introduced by the macro.
(define-syntax two
  (syntax-rules ()
    ((_ f) (begin (define (f x) (g x)) (define (g x) (* x x))))))
(define (run)
  (two f)
  (define (g x) 'users-g)
  (list (f 10) (g 10)))
(display (run))
(newline)
(define-syntax define-parity
  (syntax-rules ()
    ((_ even-name)
     (begin
       (define (even-name n) (if (= n 0) #t (odd (- n 1))))
       (define (odd n) (if (= n 0) #f (even-name (- n 1))))))))
(let ()
  (define-parity ev?)
  (display (list (ev? 4) (ev? 5)))
  (newline))
