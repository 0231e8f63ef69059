;; Builtins with optional or variable arguments used as values and called
;; with a fixed number of arguments through unknown calls (R7RS 6.2.6,
;; 6.4, 6.7, 6.8): the results are those of the builtin called directly.
(define (call f . args) (apply f args))
(define (call0 f) (f))
(define (call1 f a) (f a))
(define (call2 f a b) (f a b))
(define (call3 f a b c) (f a b c))
(define (call4 f a b c d) (f a b c d))

(write (map + '(1 2 3) '(10 20 30))) (newline)
(write (map * '(1 2 3) '(4 5 6) '(7 8 9))) (newline)
(write (map - '(10 20 30))) (newline)
(write (map max '(1 5 3) '(4 2 6))) (newline)
(write (map min '(1 5 3) '(4 2 6) '(0 9 9))) (newline)
(write (map list '(a b) '(c d))) (newline)
(write (map vector '(1 2) '(3 4) '(5 6))) (newline)
(write (map string-append '("a" "b") '("c" "d"))) (newline)
(write (map append '((1) (2)) '((3) (4)))) (newline)
(write (map < '(1 5) '(2 4))) (newline)
(write (map = '(1 2) '(1.0 3))) (newline)

(write (list (call0 +) (call0 *) (call0 list) (call0 string-append) (call0 append)))
(newline)
(write (list (call1 + 5) (call1 - 5) (call1 / 2) (call1 max 7) (call1 list 'x)))
(newline)
(write (list (call2 + 1 2) (call2 - 10 3) (call2 * 6 7) (call2 / 1 3)
             (call2 max 1 2.0) (call2 min 1 2.0) (call2 < 2 1) (call2 >= 2 2)))
(newline)
(write (list (call3 + 1 2 3) (call3 - 10 1 2) (call3 * 2 3 4) (call3 / 60 2 3)
             (call3 max 3 9 4) (call3 < 1 2 3) (call3 < 1 3 2) (call3 list 1 2 3)))
(newline)
(write (list (call4 + 1 2 3 4) (call4 max 1 2 8 4) (call4 vector 'a 'b 'c 'd)
             (call4 string-append "w" "x" "y" "z") (call4 = 1 1 1 1.0)))
(newline)
;; Overflow into bignums and exactness through the same calls.
(write (call2 + 4611686018427387903 4611686018427387903)) (newline)
(write (call2 * 4611686018427387903 -3)) (newline)
(write (call2 - -4611686018427387904 1)) (newline)
(write (call2 + 1/2 1/3)) (newline)
(write (call2 + 1 0.5)) (newline)
;; A table of procedures, each called with two arguments.
(for-each (lambda (f) (write (f 12 5)) (display " "))
          (list + - * / max min < > = <= >= list vector))
(newline)
;; The same procedures through apply, for comparison.
(write (list (call + 1 2) (call max 1 2 3) (call list))) (newline)
;; Each value is still the one procedure.
(write (eq? + (car (list +)))) (newline)
