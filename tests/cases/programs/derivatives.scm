; hand-written .out: Chez 9.5 lacks R7RS eval; Guile 3.0 --r7rs prints the same
;; Symbolic differentiation with simplification, and compilation of the
;; results into procedures with `eval`: each derivative is turned into a
;; `(lambda (x) ...)` form, evaluated in an environment made of the
;; standard libraries it needs, and checked against a numeric derivative.
;; A small rule language is loaded into the interaction environment, where
;; its definitions persist between calls to eval. Written as a portable
;; R7RS program.
(import (scheme base)
        (scheme write)
        (scheme eval)
        (scheme repl)
        (scheme inexact)
        (scheme time)
        (scheme cxr))

(cond-expand
  ((or r7rs full-unicode) (define label "r7rs"))
  (else (define label "other")))

;;; Expressions: numbers, the variable x, (+ a b), (- a b), (* a b),
;;; (/ a b), (expt a n) for an exact n, (sin a), (cos a), (exp a), (log a).

(define (constant? e) (number? e))
(define (variable? e) (eq? e 'x))
(define (op e) (car e))
(define (arg1 e) (cadr e))
(define (arg2 e) (caddr e))

;;; Simplifying constructors: fold constants, drop neutral elements.

(define (make-sum a b)
  (cond ((and (constant? a) (constant? b)) (+ a b))
        ((eqv? a 0) b)
        ((eqv? b 0) a)
        ((equal? a b) (make-product 2 a))
        (else (list '+ a b))))

(define (make-difference a b)
  (cond ((and (constant? a) (constant? b)) (- a b))
        ((eqv? b 0) a)
        ((equal? a b) 0)
        (else (list '- a b))))

(define (make-product a b)
  (cond ((and (constant? a) (constant? b)) (* a b))
        ((or (eqv? a 0) (eqv? b 0)) 0)
        ((eqv? a 1) b)
        ((eqv? b 1) a)
        ((and (constant? b) (not (constant? a))) (make-product b a))
        ((and (constant? a) (pair? b) (eq? (op b) '*) (constant? (arg1 b)))
         (make-product (* a (arg1 b)) (arg2 b)))
        (else (list '* a b))))

(define (make-quotient a b)
  (cond ((and (constant? a) (constant? b) (not (eqv? b 0))) (/ a b))
        ((eqv? a 0) 0)
        ((eqv? b 1) a)
        (else (list '/ a b))))

(define (make-power a n)
  (cond ((eqv? n 0) 1)
        ((eqv? n 1) a)
        ((constant? a) (expt a n))
        (else (list 'expt a n))))

(define (make-call f a)
  (if (constant? a)
      (case f
        ((sin) (if (eqv? a 0) 0 (list f a)))
        ((cos) (if (eqv? a 0) 1 (list f a)))
        ((exp) (if (eqv? a 0) 1 (list f a)))
        ((log) (if (eqv? a 1) 0 (list f a)))
        (else (list f a)))
      (list f a)))

;;; The derivative with respect to x.

(define (d e)
  (cond
   ((constant? e) 0)
   ((variable? e) 1)
   ((symbol? e) 0)
   (else
    (let ((a (arg1 e)))
      (case (op e)
        ((+) (make-sum (d a) (d (arg2 e))))
        ((-) (make-difference (d a) (d (arg2 e))))
        ((*) (make-sum (make-product (d a) (arg2 e))
                       (make-product a (d (arg2 e)))))
        ((/) (let ((b (arg2 e)))
               (make-quotient
                (make-difference (make-product (d a) b) (make-product a (d b)))
                (make-power b 2))))
        ((expt) (let ((n (arg2 e)))
                  (make-product (make-product n (make-power a (- n 1))) (d a))))
        ((sin) (make-product (make-call 'cos a) (d a)))
        ((cos) (make-product (make-product -1 (make-call 'sin a)) (d a)))
        ((exp) (make-product (make-call 'exp a) (d a)))
        ((log) (make-quotient (d a) a))
        (else (error "d: unknown operator" (op e))))))))

;;; Compiling an expression into a procedure of x with eval.

(define math-environment
  (environment '(scheme base) '(scheme inexact)))

(define (compile-expression e)
  (eval (list 'lambda '(x) e) math-environment))

(define (numeric-derivative f x)
  (let ((h 1e-6))
    (/ (- (f (+ x h)) (f (- x h))) (* 2 h))))

(define (close? a b)
  (< (abs (- a b)) (* 1e-4 (max 1 (abs a) (abs b)))))

(define tests
  '((* 3 (expt x 2))
    (+ (* x x) (* 5 x))
    (sin (* 2 x))
    (* (exp x) (cos x))
    (/ 1 x)
    (log (+ (expt x 2) 1))
    (- (expt x 3) (* 2 x))
    (* x (* x x))))

(define start (current-jiffy))

(define (check e)
  (let* ((de (d e))
         (f (compile-expression e))
         (df (compile-expression de))
         (points '(0.5 1.0 2.0))
         (ok (let loop ((ps points))
               (cond ((null? ps) #t)
                     ((close? (df (car ps)) (numeric-derivative f (car ps)))
                      (loop (cdr ps)))
                     (else #f)))))
    (write e)
    (display " => ")
    (write de)
    (display (if ok "  ok" "  WRONG"))
    (newline)
    ok))

(define all-ok
  (let loop ((ts tests) (ok #t))
    (if (null? ts) ok (loop (cdr ts) (and (check (car ts)) ok)))))

;;; Rules in the interaction environment: definitions made by one eval are
;;; seen by the next.

(define repl (interaction-environment))
(eval '(define rules '()) repl)
(eval '(define (add-rule! name proc) (set! rules (cons (cons name proc) rules))) repl)
(eval '(define (apply-rule name . args) (apply (cdr (assq name rules)) args)) repl)
(eval (list 'add-rule! ''derive (lambda (e) (d e))) repl)
(eval '(add-rule! 'twice (lambda (v) (* 2 v))) repl)
(write (eval '(apply-rule 'derive '(* x (sin x))) repl))
(newline)
(write (eval '(apply-rule 'twice 21) repl))
(newline)
(write (eval '(map car rules) repl))
(newline)

;;; Errors in evaluated code are ordinary errors.

(define (safe-eval form env)
  (guard (e ((error-object? e) (list 'error (string? (error-object-message e)))))
    (eval form env)))

(write (safe-eval '(car '()) math-environment))
(newline)
(write (safe-eval '(undefined-thing 1) math-environment))
(newline)

(define elapsed (- (current-jiffy) start))
(display (if (and (exact-integer? elapsed) (>= elapsed 0)) "timed" "no clock"))
(newline)
(display label)
(newline)
(display (if all-ok "all derivatives agree" "some derivative is wrong"))
(newline)
