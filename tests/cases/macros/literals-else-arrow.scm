;; Literals match by binding: `else` and `=>` match only when not rebound.
(define-syntax my-cond
  (syntax-rules (else =>)
    ((_ (else e)) e)
    ((_ (c => f)) (let ((t c)) (if t (f t) #f)))
    ((_ (c e)) (if c e #f))
    ((_ (c e) clause ...) (if c e (my-cond clause ...)))))
(display (my-cond (#f 1) (else 2))) (newline)
(display (my-cond ((assv 2 '((1 . a) (2 . b))) => cdr))) (newline)
(display (let ((else #t)) (my-cond (#f 1) (else 'rebound-else-is-a-test)))) (newline)
(display (let ((=> 0)) (my-cond (1 =>)))) (newline)
(define-syntax kw-test
  (syntax-rules (in)
    ((_ in) 'keyword)
    ((_ x) 'other)))
(display (list (kw-test in) (kw-test out))) (newline)
(display (let ((in 1)) (kw-test in))) (newline)
(define-syntax is-else?
  (syntax-rules (else)
    ((_ else) #t)
    ((_ x) #f)))
(display (list (is-else? else) (is-else? other))) (newline)
