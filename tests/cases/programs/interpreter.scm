;; A small Scheme interpreter: programs are read with `read` from a string
;; port, environments are records of frames (vectors), closures and
;; primitives are records, tail calls run in a loop (a deep loop in the
;; interpreted language must not grow the host stack), and errors come back
;; as error objects through guard. A portable R7RS program.
(import (scheme base)
        (scheme read)
        (scheme write)
        (scheme cxr))

(define-record-type environment
  (make-env names values parent)
  env?
  (names env-names set-env-names!)
  (values env-values set-env-values!)
  (parent env-parent))

(define-record-type closure
  (make-closure params body env)
  closure?
  (params closure-params)
  (body closure-body)
  (env closure-env))

(define-record-type primitive
  (make-primitive name proc)
  primitive?
  (name primitive-name)
  (proc primitive-proc))

(define (lookup-cell name env)
  (let loop ((env env))
    (if (not env)
        (error "unbound variable" name)
        (let scan ((names (env-names env)) (i 0))
          (cond ((null? names) (loop (env-parent env)))
                ((eq? (car names) name) (cons (env-values env) i))
                (else (scan (cdr names) (+ i 1))))))))

(define (lookup name env)
  (let ((cell (lookup-cell name env)))
    (vector-ref (car cell) (cdr cell))))

(define (assign! name value env)
  (let ((cell (lookup-cell name env)))
    (vector-set! (car cell) (cdr cell) value)))

(define (extend names values env)
  (make-env names (list->vector values) env))

(define global
  (extend '(+ - * < = cons car cdr null? list display)
          (list (make-primitive '+ +) (make-primitive '- -) (make-primitive '* *)
                (make-primitive '< <) (make-primitive '= =)
                (make-primitive 'cons cons) (make-primitive 'car car)
                (make-primitive 'cdr cdr) (make-primitive 'null? null?)
                (make-primitive 'list list)
                (make-primitive 'display (lambda (x) (display x) x)))
          #f))

;; The global frame grows in place, so closures made before a definition see it.
(define (define! name value)
  (set-env-names! global (cons name (env-names global)))
  (set-env-values! global (list->vector (cons value (vector->list (env-values global))))))

;; Expressions in tail position loop here instead of recursing.
(define (evaluate expr env)
  (let loop ((expr expr) (env env))
    (cond
     ((symbol? expr) (lookup expr env))
     ((not (pair? expr)) expr)
     (else
      (case (car expr)
        ((quote) (cadr expr))
        ((if) (if (evaluate (cadr expr) env)
                  (loop (caddr expr) env)
                  (if (pair? (cdddr expr)) (loop (cadddr expr) env) #f)))
        ((lambda) (make-closure (cadr expr) (cddr expr) env))
        ((set!) (assign! (cadr expr) (evaluate (caddr expr) env) env) 'ok)
        ((begin) (let body ((forms (cdr expr)))
                   (if (null? (cdr forms))
                       (loop (car forms) env)
                       (begin (evaluate (car forms) env) (body (cdr forms))))))
        ((let) (loop (cons (list* 'lambda (map car (cadr expr)) (cddr expr))
                           (map cadr (cadr expr)))
                     env))
        (else
         (let ((f (evaluate (car expr) env))
               (args (map (lambda (e) (evaluate e env)) (cdr expr))))
           (cond
            ((primitive? f) (apply (primitive-proc f) args))
            ((closure? f)
             (unless (= (length (closure-params f)) (length args))
               (error "wrong number of arguments" (length args)))
             (loop (cons 'begin (closure-body f))
                   (extend (closure-params f) args (closure-env f))))
            (else (error "not a procedure" f))))))))))

(define (list* first . rest)
  (if (null? rest) first (cons first (apply list* rest))))

(define (run-program text)
  (let ((port (open-input-string text)))
    (let loop ((result #f))
      (let ((form (read port)))
        (cond
         ((eof-object? form) result)
         ((and (pair? form) (eq? (car form) 'define))
          (if (pair? (cadr form))
              (define! (caadr form)
                (evaluate (list* 'lambda (cdadr form) (cddr form)) global))
              (define! (cadr form) (evaluate (caddr form) global)))
          (loop (cadr form)))
         (else (loop (evaluate form global))))))))

(define (try text)
  (guard (e ((read-error? e) (display "read error") (newline))
            ((error-object? e)
             (display "error: ")
             (display (error-object-message e))
             (for-each (lambda (x) (display " ") (write x)) (error-object-irritants e))
             (newline)))
    (let ((v (run-program text)))
      (write v)
      (newline))))

(try "(define (fact n) (if (< n 2) 1 (* n (fact (- n 1))))) (fact 25)")
(try "(define (count n acc) (if (= n 0) acc (count (- n 1) (+ acc 1)))) (count 300000 0)")
(try "(define (make-counter)
        (let ((n 0)) (lambda () (set! n (+ n 1)) n)))
      (define c1 (make-counter))
      (define c2 (make-counter))
      (c1) (c1) (c2)
      (list (c1) (c2))")
(try "(define (map f l) (if (null? l) '() (cons (f (car l)) (map f (cdr l)))))
      (map (lambda (x) (* x x)) '(1 2 3 4 5))")
(try "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (fib 20)")
(try "(let ((x 1) (y 2)) (begin (display x) (display y) (+ x y)))")
(try "(undefined-thing 1)")
(try "((lambda (x) x) 1 2)")
(try "(5 5)")
(try "(car '(1 2")
(try "(define (even? n) (if (= n 0) #t (odd? (- n 1))))
      (define (odd? n) (if (= n 0) #f (even? (- n 1))))
      (list (even? 1000) (odd? 7777))")
