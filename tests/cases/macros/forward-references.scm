;; A macro's template may refer to top-level procedures defined later, and to
;; globals a user later redefines at top level.
(define-syntax call-helper
  (syntax-rules () ((_ x) (helper x))))
(define (use n) (call-helper n))
(define (helper x) (* x 10))
(display (use 4)) (newline)
(define-syntax get-config
  (syntax-rules () ((_) config)))
(define (show) (get-config))
(define config 'first)
(display (show)) (newline)
(set! config 'second)
(display (show)) (newline)
(let ((helper (lambda (x) 'shadowed)) (config 'local))
  (display (list (call-helper 1) (get-config))) (newline))
