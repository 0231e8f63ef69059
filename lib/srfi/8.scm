;;; SRFI 8, `receive`: binding the values of an expression (lib/srfi/8.sld).
;;; `formals` is any lambda list: (a b), (a . rest) or a lone identifier.

(define-syntax receive
  (syntax-rules ()
    ((_ formals expr body0 body ...)
     (call-with-values (lambda () expr) (lambda formals body0 body ...)))))
