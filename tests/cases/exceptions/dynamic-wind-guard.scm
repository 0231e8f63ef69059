;; An error unwinding to a guard runs the after thunks of every
;; dynamic-wind it leaves, innermost first.
(define trace '())
(define (note x) (set! trace (cons x trace)))
(define result
  (guard (e (#t (note 'handled) 'caught))
    (dynamic-wind
      (lambda () (note 'in-outer))
      (lambda ()
        (dynamic-wind
          (lambda () (note 'in-inner))
          (lambda () (error "inner failure" 1 2))
          (lambda () (note 'out-inner))))
      (lambda () (note 'out-outer)))))
(display result)
(newline)
(display (reverse trace))
(newline)
