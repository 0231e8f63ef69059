; Locally rebinding builtin names like list, car and + does not affect the globals.
(define (weird a b)
  (let ((list (lambda args (length args)))
        (car cdr))
    (list a b (car '(1 2 3)))))

(display (weird 'x 'y)) (newline)
(display (list 1 2 3)) (newline)
(display (car '(1 2 3))) (newline)

(define (sum-with-plus-shadowed + a b)
  (+ a b))
(display (sum-with-plus-shadowed * 6 7)) (newline)
(display (+ 6 7)) (newline)

(let ((length (lambda (l) 'shadowed)))
  (display (length '(1 2))) (newline))
(display (length '(1 2))) (newline)
