; Closures as receivers in cond => clauses.
(define (lookup key alist)
  (cond ((assq key alist) => cdr)
        (else 'missing)))

(define env '((a . 1) (b . 2) (c . 3)))
(display (lookup 'b env)) (newline)
(display (lookup 'z env)) (newline)

(define (make-scaled-lookup factor)
  (lambda (key alist)
    (cond ((assq key alist) => (lambda (p) (* factor (cdr p))))
          ((memq key '(x y)) => (lambda (tail) (list 'in-xy tail)))
          (else #f))))
(define lookup10 (make-scaled-lookup 10))
(display (lookup10 'c env)) (newline)
(display (lookup10 'y env)) (newline)
(display (lookup10 'q env)) (newline)

; the => receiver is a closure chosen at runtime
(define (dispatch x handlers)
  (cond ((assv x handlers) => (cdr (assq 'hit handlers)))
        (else 'no-handler)))
(define hs (list (cons 1 'one) (cons 2 'two) (cons 'hit (lambda (p) (list 'found (cdr p))))))
(display (dispatch 2 hs)) (newline)
(display (dispatch 3 hs)) (newline)
