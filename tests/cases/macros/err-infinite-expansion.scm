;; An infinitely recursive macro is a clean compile error, not a crash.
(define-syntax forever
  (syntax-rules ()
    ((_ x) (+ 1 (forever (x))))))
(display (forever 1))
