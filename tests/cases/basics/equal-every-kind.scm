;; equal? (R7RS 6.1) on each kind of operand: numbers, characters and
;; symbols by eqv?; strings and bytevectors by contents; pairs and vectors
;; by their elements, recursively; anything of two different kinds is not
;; equal.
(define wide (string #\x3bb #\x))
(define narrow-then-wide (string-copy "?x"))
(string-set! narrow-then-wide 0 #\x3bb)
(write (list (equal? 2 2) (equal? 2 2.0) (equal? 1.5 1.5) (equal? (expt 2 100) (expt 2 100))
             (equal? 1/3 1/3) (equal? #\a #\a) (equal? #\a #\b) (equal? 'a 'a) (equal? '() '())))
(newline)
(write (list (equal? "abc" (string-copy "abc")) (equal? "abc" "abd") (equal? "abc" "ab")
             (equal? "" (make-string 0)) (equal? wide narrow-then-wide) (equal? wide "?x")
             (equal? "abc" 'abc) (equal? "abc" #(1))))
(newline)
(write (list (equal? (bytevector 1 2 3) (bytevector 1 2 3)) (equal? (bytevector 1 2) (bytevector 1 2 3))
             (equal? (bytevector 1 2 3) (bytevector 1 2 4)) (equal? (bytevector) (bytevector))
             (equal? (bytevector 1) (vector 1))))
(newline)
(write (list (equal? (vector) (vector)) (equal? (vector 1 2) (vector 1 2 3)) (equal? (vector 1 "a") (vector 1 "a"))
             (equal? (vector 1 2) (list 1 2)) (equal? (list 1 (vector "x" (list 2.5))) (list 1 (vector "x" (list 2.5))))
             (equal? (list 1 (vector "x" (list 2.5))) (list 1 (vector "x" (list 2.6))))
             (equal? '(1 . 2) '(1 . 3)) (equal? '(1 2) "12") (equal? car car)))
(newline)
;; member and assoc compare with equal?.
(write (list (member "b" (list "a" "b" "c")) (member (list 1) '((0) (1) (2)))
             (assoc "two" '(("one" . 1) ("two" . 2))) (assoc 2.0 '((2 . exact) (2.0 . inexact)))))
(newline)
