;;; Derived forms the expander predefines as syntax-rules macros.
;;;
;;; They are defined in the *system* environment: a free name in these
;;; templates means the builtin or prelude definition of that name (as
;;; `#%NAME`), never a user global, so a program redefining `list` or
;;; `call-with-values` cannot break them. Their expansions carry the
;;; position of the use. `closc:` names are private helpers (prelude.scm).

;; R7RS 7.3: let-values by way of temporaries, so that every init is
;; evaluated outside the scope of all the bindings.
(define-syntax let-values
  (syntax-rules ()
    ((_ (binding ...) body0 body1 ...)
     (let-values "bind" (binding ...) () (begin body0 body1 ...)))
    ((_ "bind" () tmps body)
     (let tmps body))
    ((_ "bind" ((b0 e0) binding ...) tmps body)
     (let-values "mktmp" b0 e0 () (binding ...) tmps body))
    ((_ "mktmp" () e0 args bindings tmps body)
     (call-with-values (lambda () e0)
       (lambda args (let-values "bind" bindings tmps body))))
    ((_ "mktmp" (a . b) e0 (arg ...) bindings (tmp ...) body)
     (let-values "mktmp" b e0 (arg ... x) bindings (tmp ... (a x)) body))
    ((_ "mktmp" a e0 (arg ...) bindings (tmp ...) body)
     (call-with-values (lambda () e0)
       (lambda (arg ... . x) (let-values "bind" bindings (tmp ... (a x)) body))))))

(define-syntax let*-values
  (syntax-rules ()
    ((_ () body0 body1 ...) (let () body0 body1 ...))
    ((_ (binding0 binding1 ...) body0 body1 ...)
     (let-values (binding0) (let*-values (binding1 ...) body0 body1 ...)))))

(define-syntax define-values
  (syntax-rules ()
    ((_ () expr)
     (define dummy (call-with-values (lambda () expr) (lambda args #f))))
    ((_ (var) expr)
     (define var expr))
    ;; The values are received by a lambda with the variables as its
    ;; parameters: a variable named twice is a compile error there (as the
    ;; definitions alone would not be at top level), and a wrong number of
    ;; values an arity error.
    ((_ (var0 var1 ... varn) expr)
     (begin
       (define var0 (call-with-values (lambda () expr)
                      (lambda (var0 var1 ... varn) (list var0 var1 ... varn))))
       (define var1 (let ((v (cadr var0))) (set-cdr! var0 (cddr var0)) v)) ...
       (define varn (let ((v (cadr var0))) (set! var0 (car var0)) v))))
    ((_ (var0 var1 ... . varn) expr)
     (begin
       (define var0 (call-with-values (lambda () expr)
                      (lambda (var0 var1 ... . varn) (cons var0 (append (list var1 ...) varn)))))
       (define var1 (let ((v (cadr var0))) (set-cdr! var0 (cddr var0)) v)) ...
       (define varn (let ((v (cdr var0))) (set! var0 (car var0)) v))))
    ((_ var expr)
     (define var (call-with-values (lambda () expr) list)))))

;; R7RS 4.2.5 promises; `force` (prelude) implements the iterative
;; delay-force semantics.
(define-syntax delay-force
  (syntax-rules ()
    ((_ expr) (closc:make-lazy-promise (lambda () expr)))))

(define-syntax delay
  (syntax-rules ()
    ((_ expr) (closc:make-lazy-promise (lambda () (closc:promise-done expr))))))

(define-syntax parameterize
  (syntax-rules ()
    ((_ () body0 body1 ...) (let () body0 body1 ...))
    ((_ ((param value) ...) body0 body1 ...)
     (closc:parameterize (list param ...) (list value ...)
                         (lambda () body0 body1 ...)))))

;; case-lambda (R7RS 4.2.9): a procedure of the clauses' lambdas, whose calls
;; enter the first clause accepting their argument count (runtime/src/
;; control/calls.rs).
(define-syntax case-lambda
  (syntax-rules ()
    ((_ (formals body0 body1 ...) ...)
     (%case-lambda (lambda formals body0 body1 ...) ...))))

;; R7RS 4.2.7 guard: the clauses become a procedure of the condition and a
;; re-raise thunk, called in the guard's dynamic environment (closc:guard in
;; the prelude).
(define-syntax guard
  (syntax-rules ()
    ((_ (var clause ...) body0 body1 ...)
     (closc:guard (lambda () body0 body1 ...)
                  (lambda (var reraise)
                    (closc:guard-clauses reraise clause ...))))))

(define-syntax closc:guard-clauses
  (syntax-rules (else =>)
    ((_ reraise) (reraise))
    ((_ reraise (else e0 e1 ...)) (let () e0 e1 ...))
    ((_ reraise (test => proc) clause ...)
     (let ((t test)) (if t (proc t) (closc:guard-clauses reraise clause ...))))
    ((_ reraise (test) clause ...)
     (let ((t test)) (if t t (closc:guard-clauses reraise clause ...))))
    ((_ reraise (test e0 e1 ...) clause ...)
     (if test (let () e0 e1 ...) (closc:guard-clauses reraise clause ...)))))
