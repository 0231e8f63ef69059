; Every call of a procedure creates fresh bindings for its locals.
(define (make-box v)
  (define contents v)
  (list (lambda () contents)
        (lambda (new) (set! contents new))))

(define b1 (make-box 1))
(define b2 (make-box 2))

((cadr b1) 100)
(display ((car b1))) (newline)
(display ((car b2))) (newline)
((cadr b2) 200)
(display ((car b1))) (newline)
(display ((car b2))) (newline)

(define (make-list-of-getters n)
  (if (= n 0)
      '()
      (let ((me n))
        (cons (lambda () me) (make-list-of-getters (- n 1))))))

(display (map (lambda (g) (g)) (make-list-of-getters 5))) (newline)
