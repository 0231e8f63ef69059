;;; SRFI 2, `and-let*`: an `and` with local bindings (lib/srfi/2.sld).
;;;
;;; Each clause is `(variable expression)` (bind, stop with #f if false),
;;; `(expression)` (test) or a bare `variable` (test its value). With no body
;;; the result is the last clause's value, or #t when there are no clauses.

(define-syntax and-let*
  (syntax-rules ()
    ((_ ()) #t)
    ((_ () body ...) (let () body ...))
    ;; A last clause without a body gives its own value.
    ((_ ((var expr))) (let ((var expr)) var))
    ((_ ((expr))) expr)
    ((_ (var)) var)
    ((_ ((var expr) clause ...) body ...)
     (let ((var expr)) (if var (and-let* (clause ...) body ...) #f)))
    ((_ ((expr) clause ...) body ...)
     (if expr (and-let* (clause ...) body ...) #f))
    ((_ (var clause ...) body ...)
     (if var (and-let* (clause ...) body ...) #f))))
