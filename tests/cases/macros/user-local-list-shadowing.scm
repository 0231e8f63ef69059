;; A user's local binding of a global the macro refers to does not capture
;; the macro's reference.
(define-syntax my-list
  (syntax-rules ()
    ((_ a ...) (list a ...))))
(define-syntax pair-up
  (syntax-rules ()
    ((_ a b) (cons a (cons b '())))))
(let ((list vector) (cons +))
  (display (my-list 1 2 3)) (newline)
  (display (pair-up 1 2)) (newline)
  (display (list 1 2)) (newline)
  (display (cons 1 2)) (newline))
(define (g car) (my-list 'x (car)))
(display (g (lambda () 'called))) (newline)
(define counter 0)
(define-syntax incr! (syntax-rules () ((_) (set! counter (+ counter 1)))))
(let ((counter 100))
  (incr!) (incr!)
  (display counter) (newline))
(display counter) (newline)
