; A closure returning a closure returning a closure, each level capturing
; variables from a different enclosing scope.
(define (level1 a)
  (let ((a2 (* a 2)))
    (lambda (b)
      (let ((b2 (* b 3)))
        (lambda (c)
          (lambda (d)
            (list a a2 b b2 c d (+ a a2 b b2 c d))))))))

(define l2 (level1 1))
(define l3 (l2 10))
(define l4 (l3 100))
(display (l4 1000)) (newline)
(display ((((level1 2) 3) 4) 5)) (newline)

; the intermediate closures can be reused
(define l3b (l2 20))
(display ((l3b 0) 0)) (newline)
(display ((l3 0) 0)) (newline)
