; Closures stored in a vector, replaced, and called by index.
(define v (make-vector 5 #f))

(do ((i 0 (+ i 1)))
    ((= i 5))
  (vector-set! v i (lambda (x) (+ x (* i 100)))))

(do ((i 0 (+ i 1)))
    ((= i 5))
  (display ((vector-ref v i) i))
  (display " "))
(newline)

(vector-set! v 2 (lambda (x) 'replaced))
(display ((vector-ref v 2) 0)) (newline)
(display (procedure? (vector-ref v 0))) (newline)
(display (vector-length v)) (newline)

(define dispatch (vector car cdr (lambda (p) (car (cdr p)))))
(define data '(a b c))
(display ((vector-ref dispatch 0) data))
(display ((vector-ref dispatch 1) data))
(display ((vector-ref dispatch 2) data))
(newline)
