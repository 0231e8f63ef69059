; A closure capturing a variable whose binding is assigned after the closure
; is created but before it is called.
(define (make-late)
  (let ((v 'unset))
    (let ((f (lambda () v)))
      (set! v 'set-later)
      f)))
(display ((make-late))) (newline)

; the helper is defined as a placeholder and filled in afterwards
(define (make-recursive-by-assignment)
  (let ((helper #f))
    (let ((entry (lambda (n) (helper n '()))))
      (set! helper (lambda (n acc)
                     (if (= n 0) acc (helper (- n 1) (cons n acc)))))
      entry)))
(display ((make-recursive-by-assignment) 6)) (newline)

; top-level variable defined after the closure that uses it
(define (use-later) (list 'value later))
(define later 'first)
(display (use-later)) (newline)
(set! later 'second)
(display (use-later)) (newline)
