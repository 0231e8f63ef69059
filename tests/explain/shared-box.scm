;; One binding shared by two closures made at top level: `total` is assigned
;; and captured, so it lives in a box both records point to. `step` is
;; captured but never assigned, so its value is copied into each record (it
;; is computed: a constant would be copied into the code instead).
(define add! #f)
(define get #f)
(let ((total 0) (step (string-length "hello")))
  (set! add! (lambda () (set! total (+ total step))))
  (set! get (lambda () total)))
(add!)
(add!)
(display (get)) (newline)
