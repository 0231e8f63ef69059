; Exceptions raised deep down in a 10^5-deep recursion that allocates while
; it returns: `guard` unwinds through the frames below the stack barrier
; (and their recorded barrier stops) to its clause; errors raised by
; builtins (the runtime's own raise) do the same; a handler of
; `raise-continuable` runs on top of the deep stack, allocates, and the
; recursion goes on returning through the barrier.

(define (deep-raise n at)
  (if (= n 0)
      '()
      (let ((rest (deep-raise (- n 1) at)))
        (if (= n at) (raise (list 'deep n (length rest))))
        (cons (make-string 2 #\a) rest))))

(write (guard (e ((pair? e) e)) (deep-raise 100000 60000))) (newline)
(write (guard (e ((symbol? e) e) ((pair? e) (car e))) (deep-raise 100000 99000))) (newline)

; A builtin's error deep down, caught by a guard at the top, then a deeper
; recursion over the same stack.
(define (deep-error n at v)
  (if (= n 0)
      '()
      (let ((rest (deep-error (- n 1) at v)))
        (cons (if (= n at) (vector-ref v 10) (vector n)) rest))))

(write (guard (e ((error-object? e) 'caught-error))
         (deep-error 100000 50000 (vector 1 2 3))))
(newline)
(write (length (deep-error 100000 0 (vector 1 2 3)))) (newline)

; Guards nested at many depths: each catches, the recursion goes on.
(define (deep-nested n)
  (if (= n 0)
      '()
      (let ((rest (if (= 0 (modulo n 10000))
                      (guard (e ((number? e) (list (* 2 e))))
                        (let ((r (deep-nested (- n 1))))
                          (if (= 0 (modulo n 30000)) (raise n) r)))
                      (deep-nested (- n 1)))))
        (cons n rest))))
(define nested (deep-nested 100000))
(write (list (length nested) (list-tail nested (- (length nested) 3)))) (newline)

; raise-continuable: the handler's value is used, the recursion returns on.
(define (deep-continuable n)
  (if (= n 0)
      0
      (let ((rest (deep-continuable (- n 1))))
        (if (= 0 (modulo n 25000))
            (+ rest (length (raise-continuable n)))
            (+ rest (length (list n n)))))))
(write (with-exception-handler
        (lambda (c) (make-list 10 c))
        (lambda () (deep-continuable 100000))))
(newline)
