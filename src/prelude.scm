;;; closc prelude: builtins written in Scheme.
;;;
;;; These are compiled together with the user's program; only the definitions a
;;; program references (directly or through other prelude definitions) are
;;; included. Inside this file names resolve to builtins before anything else and
;;; never to the user's globals, so a user redefining `car` or `map` cannot break
;;; them. `%%apply` (prelude only) calls a procedure with the elements of a list.

(define (closc:all-pairs? ls)
  (if (null? ls) #t (if (pair? (car ls)) (closc:all-pairs? (cdr ls)) #f)))

(define (closc:cars ls)
  (if (null? ls) '() (cons (car (car ls)) (closc:cars (cdr ls)))))

(define (closc:cdrs ls)
  (if (null? ls) '() (cons (cdr (car ls)) (closc:cdrs (cdr ls)))))

(define (closc:cons* x rest)
  (if (null? rest) x (cons x (closc:cons* (car rest) (cdr rest)))))

(define (apply f first . rest)
  (%%apply f (closc:cons* first rest)))

;; The list walkers below take two steps per turn of their loop and move a
;; second pointer one step per turn: on a circular list the two meet (after
;; the walk has seen every element of the cycle), and the walk stops with an
;; error instead of running forever (R7RS: passing a non-list is an error).
;; map and for-each name the cycle itself, not the whole list: their loops
;; then need no closure record.

(define (map f l0 . ls)
  (cond ((null? ls)
         (let loop ((l l0) (slow l0))
           (if (pair? l)
               (let ((x (f (car l))) (l (cdr l)))
                 (cons x (if (pair? l)
                             (let ((y (f (car l))) (l (cdr l)) (slow (cdr slow)))
                               (if (eq? l slow)
                                   (error 'map "circular list" l)
                                   (cons y (loop l slow))))
                             '())))
               '())))
        ((null? (cdr ls))
         ;; Two lists, the common case, without building argument lists.
         (let loop ((a l0) (b (car ls)))
           (if (and (pair? a) (pair? b))
               (let ((x (f (car a) (car b))))
                 (cons x (loop (cdr a) (cdr b))))
               '())))
        (else
         (let loop ((ls (cons l0 ls)))
           (if (closc:all-pairs? ls)
               (let ((x (%%apply f (closc:cars ls))))
                 (cons x (loop (closc:cdrs ls))))
               '())))))

(define (for-each f l0 . ls)
  (cond ((null? ls)
         (let loop ((l l0) (slow l0))
           (if (pair? l)
               (begin
                 (f (car l))
                 (let ((l (cdr l)))
                   (if (pair? l)
                       (begin
                         (f (car l))
                         (let ((l (cdr l)) (slow (cdr slow)))
                           (if (eq? l slow)
                               (error 'for-each "circular list" l)
                               (loop l slow))))))))))
        ((null? (cdr ls))
         (let loop ((a l0) (b (car ls)))
           (if (and (pair? a) (pair? b))
               (begin (f (car a) (car b)) (loop (cdr a) (cdr b))))))
        (else
         (let loop ((ls (cons l0 ls)))
           (if (closc:all-pairs? ls)
               (begin (%%apply f (closc:cars ls)) (loop (closc:cdrs ls))))))))

;; The end of a search that found nothing: `l` is where the walk of `l0`
;; stopped.
(define (closc:search-end who l l0)
  (if (null? l) #f (error who "not a proper list" l0)))

;; member and assoc walk with a macro that takes the equality test: without
;; a predicate the walk calls `equal?` by name, which compiles inline (words
;; compared in line: symbols, fixnums, characters); a procedure value would
;; cost a call per element. The test is an expression, written twice per turn.
(define (member x l0 . compare)
  (let-syntax ((walk (syntax-rules ()
                       ((_ same?)
                        (let loop ((l l0) (slow l0))
                          (if (pair? l)
                              (if (same? x (car l))
                                  l
                                  (let ((l (cdr l)))
                                    (if (pair? l)
                                        (if (same? x (car l))
                                            l
                                            (let ((l (cdr l)) (slow (cdr slow)))
                                              (if (eq? l slow)
                                                  (error 'member "circular list" l0)
                                                  (loop l slow))))
                                        (closc:search-end 'member l l0))))
                              (closc:search-end 'member l l0)))))))
    (if (null? compare)
        (walk equal?)
        (let ((same? (car compare)))
          (walk same?)))))

;; The first element of alist `l0` whose car is `x` (by `equal?` or the
;; given predicate), or `#f`; an element that is not a pair is an error.
(define (assoc x l0 . compare)
  (let-syntax ((walk (syntax-rules ()
                       ((_ same?)
                        (let loop ((l l0) (slow l0))
                          (if (pair? l)
                              (let ((e (car l)))
                                (if (pair? e)
                                    (if (same? x (car e))
                                        e
                                        (let ((l (cdr l)))
                                          (if (pair? l)
                                              (let ((e (car l)))
                                                (if (pair? e)
                                                    (if (same? x (car e))
                                                        e
                                                        (let ((l (cdr l)) (slow (cdr slow)))
                                                          (if (eq? l slow)
                                                              (error 'assoc "circular list" l0)
                                                              (loop l slow))))
                                                    (error 'assoc "not a pair" e)))
                                              (closc:search-end 'assoc l l0))))
                                    (error 'assoc "not a pair" e)))
                              (closc:search-end 'assoc l l0)))))))
    (if (null? compare)
        (walk equal?)
        (let ((same? (car compare)))
          (walk same?)))))

;; Strings and vectors: with several sequences, the shortest one sets the
;; length. Arguments are type-checked up front so that errors name the
;; procedure the program called.

(define (closc:check-all ok? what who xs)
  (if (pair? xs)
      (if (ok? (car xs))
          (closc:check-all ok? what who (cdr xs))
          (error who what (car xs)))))

(define (closc:min-length len xs)
  (let loop ((xs (cdr xs)) (n (len (car xs))))
    (if (null? xs) n (loop (cdr xs) (min n (len (car xs)))))))

(define (closc:refs ref xs i)
  (if (null? xs) '() (cons (ref (car xs) i) (closc:refs ref (cdr xs) i))))

(define (string-map f s . ss)
  (let ((strs (cons s ss)))
    (closc:check-all string? "not a string" 'string-map strs)
    (let* ((n (closc:min-length string-length strs))
           (r (make-string n)))
      (let loop ((i 0))
        (if (< i n)
            (let ((c (if (null? ss)
                         (f (string-ref s i))
                         (%%apply f (closc:refs string-ref strs i)))))
              (if (char? c)
                  (begin (string-set! r i c) (loop (+ i 1)))
                  (error 'string-map "not a character" c)))
            r)))))

(define (string-for-each f s . ss)
  (let ((strs (cons s ss)))
    (closc:check-all string? "not a string" 'string-for-each strs)
    (let ((n (closc:min-length string-length strs)))
      (let loop ((i 0))
        (if (< i n)
            (begin
              (if (null? ss)
                  (f (string-ref s i))
                  (%%apply f (closc:refs string-ref strs i)))
              (loop (+ i 1))))))))

(define (vector-map f v . vs)
  (let ((vecs (cons v vs)))
    (closc:check-all vector? "not a vector" 'vector-map vecs)
    (let* ((n (closc:min-length vector-length vecs))
           (r (make-vector n)))
      (let loop ((i 0))
        (if (< i n)
            (begin
              (vector-set! r i (if (null? vs)
                                   (f (vector-ref v i))
                                   (%%apply f (closc:refs vector-ref vecs i))))
              (loop (+ i 1)))
            r)))))

(define (vector-for-each f v . vs)
  (let ((vecs (cons v vs)))
    (closc:check-all vector? "not a vector" 'vector-for-each vecs)
    (let ((n (closc:min-length vector-length vecs)))
      (let loop ((i 0))
        (if (< i n)
            (begin
              (if (null? vs)
                  (f (vector-ref v i))
                  (%%apply f (closc:refs vector-ref vecs i)))
              (loop (+ i 1))))))))

;;; Promises (R7RS 4.2.5): #(closc:promise-tag box), box = (done? . value-or-thunk).
;;; Promises that delay-force chains make share one box, so forcing is
;;; iterative (constant space) as R7RS requires.

(define closc:promise-tag (list 'promise))

(define (closc:promise done? value)
  (vector closc:promise-tag (cons done? value)))

(define (closc:make-lazy-promise thunk) (closc:promise #f thunk))

(define (closc:promise-done value) (closc:promise #t value))

(define (promise? x)
  (if (vector? x)
      (if (= (vector-length x) 2) (eq? (vector-ref x 0) closc:promise-tag) #f)
      #f))

(define (make-promise x) (if (promise? x) x (closc:promise-done x)))

(define (force p)
  (if (promise? p)
      (let ((box (vector-ref p 1)))
        (if (car box)
            (cdr box)
            (let ((p2 ((cdr box))))
              ;; The thunk may have forced p itself: then its value stands.
              (if (car (vector-ref p 1))
                  (cdr (vector-ref p 1))
                  (if (promise? p2)
                      (let ((box2 (vector-ref p2 1)))
                        (set-car! (vector-ref p 1) (car box2))
                        (set-cdr! (vector-ref p 1) (cdr box2))
                        (vector-set! p2 1 (vector-ref p 1))
                        (force p))
                      (error "force: delay-force expression did not yield a promise" p2))))))
      p))

;;; Parameters: a closure over the value and the converter. Called with no
;;; argument it returns the value; `closc:parameterize` uses a private
;;; protocol (first argument closc:param-tag) to convert and to set.

(define closc:param-tag (list 'parameter))

(define (make-parameter value . converter)
  (let ((convert (if (null? converter) (lambda (x) x) (car converter))))
    (let ((value (convert value)))
      (lambda args
        (if (null? args)
            value
            (if (if (pair? (cdr args)) (eq? (car args) closc:param-tag) #f)
                (if (eq? (car (cdr args)) 'convert)
                    (convert (car (cdr (cdr args))))
                    (set! value (car (cdr (cdr args)))))
                (error "parameter: expected no arguments, got" args)))))))

(define (closc:parameterize params vals thunk)
  (let ((new (map (lambda (p v) (p closc:param-tag 'convert v)) params vals)))
    ;; Each entry (and re-entry) swaps the parameters' values with `new`,
    ;; each exit swaps them back.
    (let ((swap (lambda ()
                  (let ((old (map (lambda (p) (p)) params)))
                    (for-each (lambda (p v) (p closc:param-tag 'set v)) params new)
                    (set! new old)))))
      (dynamic-wind swap thunk swap))))

;; Multiple values (R7RS 6.10): `values` is a builtin making a values object
;; (see runtime/src/control.rs); `%values->list` takes it apart.
(define (call-with-values producer consumer)
  (%%apply consumer (%values->list (producer))))

;; Integer division and square root with two results (R7RS 6.2.6).
(define (floor/ n d) (values (floor-quotient n d) (floor-remainder n d)))

(define (truncate/ n d) (values (truncate-quotient n d) (truncate-remainder n d)))

(define (exact-integer-sqrt n)
  (let ((s+r (%exact-integer-sqrt n)))
    (values (car s+r) (cdr s+r))))
;;; Continuations, dynamic-wind and exception handlers (runtime/src/
;;; continuations.rs and exceptions.rs). `%capture` returns a continuation
;;; object, and returns again (with `%capture-resumed?` true) each time
;;; `%throw` resumes it. The dynamic state is two runtime roots: the handler
;;; list (`%handlers`) and the wind list (`%winders`, entries
;;; `(before . after)`), both innermost first; a continuation restores both.

(define (call-with-current-continuation f)
  (let ((winders (%winders)) (handlers (%handlers)))
    (let ((k (%capture)))
      (if (%capture-resumed?)
          k
          (f (lambda vals
               (closc:travel-to winders)
               (%set-handlers! handlers)
               (%throw k (if (if (pair? vals) (null? (cdr vals)) #f)
                             (car vals)
                             (%%apply values vals)))))))))

(define (call/cc f) (call-with-current-continuation f))

;; The common tail of wind lists `x` and `y`.
(define (closc:common-tail x y)
  (let ((lx (length x)) (ly (length y)))
    (let loop ((x (if (> lx ly) (list-tail x (- lx ly)) x))
               (y (if (> ly lx) (list-tail y (- ly lx)) y)))
      (if (eq? x y) x (loop (cdr x) (cdr y))))))

;; Runs the after thunks out of the current extent and the before thunks
;; into `target`'s, outermost last and first respectively (R7RS 6.10);
;; nothing when the wind lists are the same (no `dynamic-wind` between).
(define (closc:travel-to target)
  (if (not (eq? (%winders) target))
      (closc:wind-to target)))

(define (closc:wind-to target)
  (let ((common (closc:common-tail (%winders) target)))
    (let unwind ()
      (let ((w (%winders)))
        (if (not (eq? w common))
            (begin (%set-winders! (cdr w)) ((cdr (car w))) (unwind)))))
    (let rewind ((t target))
      (if (not (eq? t common))
          (begin (rewind (cdr t)) ((car (car t))) (%set-winders! t))))))

(define (dynamic-wind before thunk after)
  (before)
  (%set-winders! (cons (cons before after) (%winders)))
  (let ((result (thunk)))
    (%set-winders! (cdr (%winders)))
    (after)
    result))

(define (with-exception-handler handler thunk)
  (if (not (procedure? handler))
      (error 'with-exception-handler "not a procedure" handler))
  (let ((handlers (%handlers)))
    (%set-handlers! (cons handler handlers))
    (let ((result (thunk)))
      (%set-handlers! handlers)
      result)))

(define (raise-continuable obj)
  (let ((handlers (%handlers)))
    (if (pair? handlers)
        (begin
          (%set-handlers! (cdr handlers))
          (let ((result ((car handlers) obj)))
            (%set-handlers! handlers)
            result))
        (raise obj))))

;; guard (builtin_macros.scm): `body` runs under a handler that escapes to the
;; guard's continuation to evaluate the clauses; when no clause applies, the
;; handler's own continuation is re-entered to `raise-continuable` there.
(define (closc:guard body clauses)
  ((call-with-current-continuation
    (lambda (guard-k)
      (with-exception-handler
       (lambda (condition)
         ((call-with-current-continuation
           (lambda (handler-k)
             (guard-k
              (lambda ()
                (clauses condition
                         (lambda ()
                           (handler-k
                            (lambda () (raise-continuable condition)))))))))))
       (lambda ()
         (let ((result (body)))
           (guard-k (lambda () result)))))))))

;;; Ports that call procedures (R7RS 6.13.1) and `exit` (6.14).
;;; `current-input-port` and `current-output-port` follow `closc:parameterize`'s
;;; protocol (runtime/src/io/ports.rs), so the `with-...-file` procedures
;;; rebind them as `parameterize` would.

;; If `proc` does not return, the port is not closed (R7RS).
(define (call-with-port port proc)
  (if (not (port? port)) (error 'call-with-port "not a port" port))
  (let ((result (proc port)))
    (close-port port)
    result))

(define (call-with-input-file file proc)
  (call-with-port (open-input-file file) proc))

(define (call-with-output-file file proc)
  (call-with-port (open-output-file file) proc))

(define (with-input-from-file file thunk)
  (let ((port (open-input-file file)))
    (let ((result (closc:parameterize (list current-input-port) (list port) thunk)))
      (close-port port)
      result)))

(define (with-output-to-file file thunk)
  (let ((port (open-output-file file)))
    (let ((result (closc:parameterize (list current-output-port) (list port) thunk)))
      (close-port port)
      result)))

;; Runs the after thunks of every active dynamic-wind, innermost first (each
;; with the wind list already shortened, so an `exit` inside one goes on with
;; the rest), then ends the program.
(define (exit . status)
  (if (if (pair? status) (pair? (cdr status)) #f)
      (error "exit: wrong number of arguments: expected 0 to 1, got" (length status)))
  (closc:travel-to '())
  (if (pair? status) (%exit (car status)) (%exit)))

;;; eval and its environments (R7RS 6.12, 6.14). An environment is a record
;;; of the number the compiler knows it by (src/eval.rs); `%eval-compile`
;;; and `%load-compile` compile into it and return a procedure of no
;;; arguments that runs the code, called here so no runtime frame sits
;;; between the caller and the evaluated code.

(define closc:environment-type
  (%make-record-type '(environment (number closc:environment-number))))

(define (closc:make-environment number) (%record closc:environment-type number))

(define (closc:environment? x) (%record? x closc:environment-type))

(define (closc:environment-number env) (%record-ref env closc:environment-type 0))

(define (closc:environment-of who env)
  (if (closc:environment? env)
      (closc:environment-number env)
      (error who "not an environment" env)))

(define (environment . import-sets)
  (let ((made (%environment-new import-sets)))
    (if (cdr made) ((cdr made)))
    (closc:make-environment (car made))))

(define closc:interaction #f)

(define (interaction-environment)
  (if (not closc:interaction)
      (set! closc:interaction (closc:make-environment (%interaction-environment))))
  closc:interaction)

(define (eval expr env)
  ((%eval-compile expr (closc:environment-of 'eval env))))

(define (load file . env)
  (if (if (pair? env) (pair? (cdr env)) #f)
      (error "load: wrong number of arguments: expected 1 to 2, got" (+ 1 (length env))))
  (let ((env (if (pair? env) (car env) (interaction-environment))))
    ((%load-compile file (closc:environment-of 'load env)))))

;; R5RS's syntax uses the auxiliary keywords R7RS exports from (scheme base).
(define closc:r5rs-auxiliary
  '(only (scheme base) else => unquote unquote-splicing syntax-rules ... _))

(define (scheme-report-environment version)
  (if (eqv? version 5)
      (environment '(scheme r5rs) closc:r5rs-auxiliary)
      (error 'scheme-report-environment "unsupported version" version)))

(define (null-environment version)
  (if (eqv? version 5)
      (environment '(only (scheme r5rs) and begin case cond define define-syntax delay do
                          if lambda let let* let-syntax letrec letrec-syntax or
                          quasiquote quote set!)
                   closc:r5rs-auxiliary)
      (error 'null-environment "unsupported version" version)))
