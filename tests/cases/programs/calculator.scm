;; A small calculator language: a tokenizer over string ports, a
;; recursive-descent parser producing tagged lists, an evaluator with
;; variables, functions and exact rational arithmetic, and error recovery
;; with guard. Written as a portable R7RS program.
(import (scheme base)
        (scheme char)
        (scheme write)
        (scheme case-lambda)
        (scheme cxr))

;;; Tokens

(define-record-type token
  (make-token kind text)
  token?
  (kind token-kind)
  (text token-text))

(define (tokenize str)
  (let ((in (open-input-string str)))
    (let loop ((acc '()))
      (let ((c (peek-char in)))
        (cond
         ((eof-object? c) (reverse (cons (make-token 'eof "") acc)))
         ((char-whitespace? c) (read-char in) (loop acc))
         ((char-numeric? c) (loop (cons (read-number in) acc)))
         ((char-alphabetic? c) (loop (cons (read-name in) acc)))
         ((memv c '(#\+ #\- #\* #\/ #\( #\) #\= #\, #\^))
          (read-char in)
          (loop (cons (make-token 'punct (string c)) acc)))
         (else
          (read-char in)
          (raise (list 'lex-error c))))))))

(define (read-while in pred)
  (let ((out (open-output-string)))
    (let loop ()
      (let ((c (peek-char in)))
        (when (and (not (eof-object? c)) (pred c))
          (write-char (read-char in) out)
          (loop))))
    (get-output-string out)))

(define (read-number in)
  (make-token 'number
              (string->number (read-while in (lambda (c) (or (char-numeric? c) (char=? c #\.)))))))

(define (read-name in)
  (make-token 'name (string->symbol (string-downcase (read-while in char-alphabetic?)))))

;;; Parser: expr := term (('+'|'-') term)*; term := factor (('*'|'/') factor)*;
;;; factor := unary ('^' factor)?; unary := '-' unary | atom;
;;; atom := number | name | name '(' args ')' | '(' expr ')'

(define tokens '())
(define (peek) (car tokens))
(define (advance!) (let ((t (car tokens))) (set! tokens (cdr tokens)) t))
(define (punct? t s) (and (eq? (token-kind t) 'punct) (string=? (token-text t) s)))
(define (expect! s)
  (if (punct? (peek) s)
      (advance!)
      (raise (list 'parse-error 'expected s 'got (token-text (peek))))))

(define (parse-binary next ops)
  (let loop ((left (next)))
    (let ((t (peek)))
      (if (and (eq? (token-kind t) 'punct) (member (token-text t) ops))
          (begin (advance!)
                 (loop (list (string->symbol (token-text t)) left (next))))
          left))))

(define (parse-expr) (parse-binary parse-term '("+" "-")))
(define (parse-term) (parse-binary parse-factor '("*" "/")))
(define (parse-factor)
  (let ((base (parse-unary)))
    (if (punct? (peek) "^")
        (begin (advance!) (list '^ base (parse-factor)))
        base)))
(define (parse-unary)
  (if (punct? (peek) "-")
      (begin (advance!) (list 'neg (parse-unary)))
      (parse-atom)))
(define (parse-args)
  (if (punct? (peek) ")")
      '()
      (let loop ((args (list (parse-expr))))
        (if (punct? (peek) ",")
            (begin (advance!) (loop (cons (parse-expr) args)))
            (reverse args)))))
(define (parse-atom)
  (let ((t (advance!)))
    (case (token-kind t)
      ((number) (token-text t))
      ((name)
       (if (punct? (peek) "(")
           (begin (advance!)
                  (let ((args (parse-args)))
                    (expect! ")")
                    (cons 'call (cons (token-text t) args))))
           (token-text t)))
      ((punct)
       (if (string=? (token-text t) "(")
           (let ((e (parse-expr))) (expect! ")") e)
           (raise (list 'parse-error 'unexpected (token-text t)))))
      (else (raise (list 'parse-error 'unexpected-end))))))

(define (parse-statement str)
  (set! tokens (tokenize str))
  (let ((result
         (if (and (eq? (token-kind (car tokens)) 'name)
                  (punct? (cadr tokens) "="))
             (let ((name (token-text (advance!))))
               (advance!)
               (list 'define name (parse-expr)))
             (parse-expr))))
    (unless (eq? (token-kind (peek)) 'eof)
      (raise (list 'parse-error 'trailing (token-text (peek)))))
    result))

;;; Evaluator

(define env (list (cons 'pi 355/113)))
(define functions
  (list (cons 'max max) (cons 'min min) (cons 'abs abs)
        (cons 'sq (lambda (x) (* x x)))
        (cons 'avg (case-lambda
                     ((x) x)
                     ((x . rest) (/ (apply + x rest) (+ 1 (length rest))))))))

(define (evaluate e)
  (cond
   ((number? e) e)
   ((symbol? e)
    (let ((b (assq e env)))
      (if b (cdr b) (raise (list 'unbound e)))))
   (else
    (case (car e)
      ((+) (+ (evaluate (cadr e)) (evaluate (caddr e))))
      ((-) (- (evaluate (cadr e)) (evaluate (caddr e))))
      ((*) (* (evaluate (cadr e)) (evaluate (caddr e))))
      ((/) (let ((d (evaluate (caddr e))))
             (if (and (exact? d) (zero? d))
                 (raise '(division-by-zero))
                 (/ (evaluate (cadr e)) d))))
      ((^) (expt (evaluate (cadr e)) (evaluate (caddr e))))
      ((neg) (- (evaluate (cadr e))))
      ((call) (let ((f (assq (cadr e) functions)))
                (if f
                    (apply (cdr f) (map evaluate (cddr e)))
                    (raise (list 'no-function (cadr e))))))
      ((define) (let ((v (evaluate (caddr e))))
                  (set! env (cons (cons (cadr e) v) env))
                  v))))))

(define (run line)
  (display line)
  (display " => ")
  (guard (condition
          ((pair? condition) (display "error: ") (write condition))
          ((error-object? condition) (display (error-object-message condition))))
    (write (evaluate (parse-statement line))))
  (newline))

(for-each run
          '("1 + 2 * 3"
            "(1 + 2) * 3"
            "2 ^ 3 ^ 2"
            "-2 ^ 2"
            "x = 10 / 4"
            "x * 2"
            "y = x + 1/2"
            "1 / 3 + 1 / 6"
            "sq(x) - max(1, 7, 3)"
            "avg(1, 2, 3, 4)"
            "avg(5)"
            "pi * 2"
            "2 ^ 100"
            "1.5 * 4"
            "1 / 0"
            "foo + 1"
            "bar(1)"
            "(1 + 2"
            "1 + $"
            "3 4"
            "ABS(-7) + Min(4, 2)"))
