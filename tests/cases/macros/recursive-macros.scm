;; Macros that expand into uses of themselves.
(define-syntax my-let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((x v) rest ...) body ...) (let ((x v)) (my-let* (rest ...) body ...)))))
(display (my-let* ((a 1) (b (+ a 1)) (c (* b 3))) (list a b c))) (newline)
(define-syntax my-and
  (syntax-rules ()
    ((_) #t)
    ((_ e) e)
    ((_ e r ...) (if e (my-and r ...) #f))))
(display (list (my-and) (my-and 1 2 3) (my-and 1 #f 3))) (newline)
(define-syntax rev
  (syntax-rules ()
    ((_ () acc) 'acc)
    ((_ (x rest ...) (acc ...)) (rev (rest ...) (x acc ...)))))
(display (rev (1 2 3 4 5) ())) (newline)
(define-syntax count-args
  (syntax-rules ()
    ((_) 0)
    ((_ x rest ...) (+ 1 (count-args rest ...)))))
(display (count-args a b c d e f g)) (newline)
(define-syntax my-list-of
  (syntax-rules ()
    ((_) '())
    ((_ x r ...) (cons x (my-list-of r ...)))))
(display (my-list-of 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)) (newline)
