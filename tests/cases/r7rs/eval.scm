; hand-written .out: R7RS 6.12 (environment, eval, interaction-environment), which Chez 9.5 lacks
(import (scheme base) (scheme write) (scheme eval) (scheme repl) (scheme r5rs))

(define (show . xs) (for-each display xs) (newline))

;; R7RS 6.12's examples.
(show (eval '(* 7 3) (environment '(scheme base))))
(show (let ((f (eval '(lambda (f x) (f x x)) (null-environment 5))))
        (f + 10)))

;; An expression is evaluated and its values returned.
(define base (environment '(scheme base)))
(show (eval 42 base))
(show (eval "a string" base))
(show (eval #\x base))
(show (eval '(quote (a b . c)) base))
(show (eval ''sym base))
(show (eval '#(1 (2) "three") base))
(show (eval '(if (< 1 2) 'yes 'no) base))
(show (eval '(let loop ((i 0) (acc '())) (if (= i 3) acc (loop (+ i 1) (cons i acc)))) base))
(call-with-values (lambda () (eval '(values 1 2 3) base))
  (lambda (a b c) (show (list a b c))))
(show (eval '(let-values (((q r) (floor/ 17 5))) (list q r)) base))
(show (eval '(bytevector 1 2 3) base))
(show (eval (list 'quote (list 1.5 -2/3 "s" #\a (vector 'v))) base))
;; Internal definitions are expressions' business.
(show (eval '(let () (define x 2) (define (sq y) (* y y)) (sq x)) base))
;; Macros defined inside the evaluated expression.
(show (eval '(let-syntax ((swap (syntax-rules () ((_ a b) (list b a))))) (swap 1 2)) base))

;; The environment has exactly the bindings its import sets give.
(define written (environment '(scheme base) '(scheme write)))
(eval '(write (list "w" #\c)) written)
(newline)
(show (eval '(begin (display "only base and write") 7) written))
(show (eval '(abs -5) (environment '(only (scheme base) abs))))
(show (eval '(b:car '(1 2)) (environment '(prefix (scheme base) b:))))
(show (eval '(first '(1 2)) (environment '(rename (only (scheme base) car) (car first)))))
(show (eval '(cons 1 2) (environment '(except (scheme base) car))))
(show (eval '(exact (floor (sqrt 17))) (environment '(scheme base) '(scheme inexact))))
(show (eval '(caddr '(1 2 3)) (environment '(scheme cxr))))
(show (eval '(char-upcase #\a) (environment '(scheme char))))

;; Bundled SRFIs and user libraries on the search path.
(show (eval '(fold + 0 (iota 5)) (environment '(scheme base) '(srfi 1))))
(show (eval '(string-join '("a" "b" "c") "-") (environment '(srfi 13))))
(define counter (environment '(scheme base) '(evaltest counter)))
(show (eval '(list (next!) (next!) counter-name) counter))
;; The same import sets give the same environment: the library's state stays.
(show (eval '(next!) (environment '(scheme base) '(evaltest counter))))

;; Procedures of the program reach evaluated code as values.
(define (double x) (* 2 x))
(show (eval (list double 21) base))
(show (eval `(map ,double '(1 2 3)) base))
(show (eval (list (lambda () 'called)) (environment)))
(show ((eval '(lambda (x) (+ x 1)) base) 9))

;; The interaction environment is mutable: definitions persist, macros too.
(define repl (interaction-environment))
(show (eq? repl (interaction-environment)))
(eval '(define counter 10) repl)
(eval '(define (bump!) (set! counter (+ counter 1)) counter) repl)
(eval '(bump!) repl)
(show (eval '(bump!) repl))
(eval '(define counter 100) repl)
(show (eval '(bump!) repl))
(eval '(define-syntax unless2 (syntax-rules () ((_ c e) (if c #f e)))) repl)
(show (eval '(unless2 #f 'ran) repl))
(eval '(define-record-type point (make-point x y) point? (x point-x) (y point-y)) repl)
(show (eval '(point-x (make-point 3 4)) repl))
(eval '(define-values (q r) (truncate/ 17 5)) repl)
(show (eval '(list q r) repl))
;; It sees every standard library and closc's extras, as a script does.
(show (eval '(list (exact->inexact 1/4) (string-join '("x" "y") "+")) repl))

;; R5RS environments.
(define r5 (scheme-report-environment 5))
(show (eval '(cond ((assv 2 '((1 . a) (2 . b))) => cdr) (else 'none)) r5))
(show (eval '(let ((v (make-vector 2 'x))) (vector->list v)) r5))
(show (eval '(exact->inexact 1/2) r5))
(show (eval '(call-with-current-continuation (lambda (k) (k 'escaped))) r5))
(show (eval '(force (delay (+ 1 2))) r5))
(show (eval '(quasiquote (1 (unquote (car '(2))) (unquote-splicing (list 3 4)))) r5))
(show (eval '(let-syntax ((k (syntax-rules () ((_ x) (quote x))))) (k y)) (null-environment 5)))
(show (eval '(case 3 ((1 2) 'low) ((3 4) 'mid) (else 'high)) (null-environment 5)))
