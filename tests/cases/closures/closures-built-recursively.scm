; Closures created at each level of a non-tail recursion, each capturing
; the recursion's local variables, then invoked after the recursion returns.
(define (build-handlers n)
  (if (= n 0)
      '()
      (let* ((square (* n n))
             (rest (build-handlers (- n 1))))
        (cons (lambda (msg)
                (if (eq? msg 'n) n (+ square (length rest))))
              rest))))

(define hs (build-handlers 6))
(display (map (lambda (h) (h 'n)) hs)) (newline)
(display (map (lambda (h) (h 'value)) hs)) (newline)

; a binary tree of closures
(define (make-tree depth label)
  (if (= depth 0)
      (lambda () (list label))
      (let ((left (make-tree (- depth 1) (* 2 label)))
            (right (make-tree (- depth 1) (+ 1 (* 2 label)))))
        (lambda () (append (left) (right))))))
(display ((make-tree 4 1))) (newline)
