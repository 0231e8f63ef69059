; hand-written .out: assert is closc's (Chez's assert reports differently)
(define x 5)
(display (assert (> x 0))) (newline)
(display (assert (memv 3 '(1 2 3 4)))) (newline)
;; The failure is a catchable error: message with FILE:LINE:COL, the expression as irritant.
(guard (e ((error-object? e)
           (display (error-object-message e)) (newline)
           (write (error-object-irritants e)) (newline)))
  (assert (< x 0)))
;; Hygiene: the expansion's `or`, `quote` and `error` are closc's whatever the program binds.
(define (error . args) 'shadowed)
(guard (e (#t (display (error-object-message e)) (newline)))
  (let ((or (lambda args #t)) (quote 2))
    (assert (string? x))))
;; A program may define its own `assert` procedure.
(let ((assert (lambda (v msg) (if v 'fine msg))))
  (display (assert #f "local assert")) (newline))
