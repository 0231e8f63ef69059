; The SRFIs R7RS contains, bundled as libraries exporting its bindings:
; 6, 9, 11, 16, 23, 30, 34, 39, 87; each in (features).
(import (only (scheme base) define quote list if lambda else => memq car cons
              values read-char features newline)
        (only (scheme write) display write)
        (srfi 6) (srfi 9) (srfi 11) (srfi 16) (srfi 23) (srfi 30) (srfi 34)
        (srfi 39) (srfi 87))
(define (show x) (write x) (newline))
;; 6: string ports
(define out (open-output-string))
(display "six" out)
(show (get-output-string out))
(show (read-char (open-input-string "x")))
;; 9: records
(define-record-type point (make-point x y) point? (x point-x) (y point-y))
(show (list (point? (make-point 1 2)) (point-y (make-point 1 2))))
;; 11: let-values, let*-values
(show (let-values (((a b) (values 1 2))) (list a b)))
(show (let*-values (((a) (values 1)) ((b) (values a))) (list a b)))
;; 16: case-lambda
(define f (case-lambda ((a) (list 'one a)) ((a b) (list 'two a b))))
(show (list (f 1) (f 1 2)))
#| 30: block comments, #| nested |# |#
;; 23 and 34: error, raise, guard, with-exception-handler
(show (guard (e (#t 'caught)) (error "bad" 1)))
(show (guard (e ((memq e '(x)) => car)) (raise 'x)))
(show (guard (e (#t (list 'outer e)))
        (with-exception-handler (lambda (e) (raise (list 'wrapped e)))
                                (lambda () (raise 'inner)))))
;; 39: parameters
(define p (make-parameter 10))
(show (list (p) (parameterize ((p 20)) (p))))
;; 87: case with =>
(show (case 5 ((1) 'one) (else => (lambda (x) (cons x 'else)))))
(show (list (car (memq 'srfi-39 (features))) (car (memq 'srfi-30 (features)))))
