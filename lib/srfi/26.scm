;;; SRFI 26, `cut` and `cute`: specialising parameters without currying
;;; (lib/srfi/26.sld).
;;;
;;; `(cut f <> x <...>)` is a procedure of one argument per `<>` (left to
;;; right) and, with a final `<...>`, of any further ones. `cut` evaluates the
;;; other expressions (the procedure position included) each time the result
;;; is called; `cute` evaluates them once, when the procedure is made. The
;;; helpers walk the slots left to right, collecting the parameters and the
;;; call (and for `cute` the bindings of the evaluated expressions).

(define-syntax cut
  (syntax-rules ()
    ((_ slot0 slot ...) (srfi-26:cut () () slot0 slot ...))))

(define-syntax srfi-26:cut
  (syntax-rules (<> <...>)
    ((_ (param ...) (call ...))
     (lambda (param ...) (call ...)))
    ((_ (param ...) (call ...) <...>)
     (lambda (param ... . rest) (apply call ... rest)))
    ((_ (param ...) (call ...) <> slot ...)
     (srfi-26:cut (param ... x) (call ... x) slot ...))
    ((_ (param ...) (call ...) expr slot ...)
     (srfi-26:cut (param ...) (call ... expr) slot ...))))

(define-syntax cute
  (syntax-rules ()
    ((_ slot0 slot ...) (srfi-26:cute () () () slot0 slot ...))))

(define-syntax srfi-26:cute
  (syntax-rules (<> <...>)
    ((_ (binding ...) (param ...) (call ...))
     (let (binding ...) (lambda (param ...) (call ...))))
    ((_ (binding ...) (param ...) (call ...) <...>)
     (let (binding ...) (lambda (param ... . rest) (apply call ... rest))))
    ((_ (binding ...) (param ...) (call ...) <> slot ...)
     (srfi-26:cute (binding ...) (param ... x) (call ... x) slot ...))
    ((_ (binding ...) (param ...) (call ...) expr slot ...)
     (srfi-26:cute (binding ... (v expr)) (param ...) (call ... v) slot ...))))
