(import (scheme base) (scheme char) (scheme write) (scheme cxr) (scheme inexact) (scheme complex) (scheme case-lambda) (scheme lazy) (scheme process-context) (srfi 128))
;; SRFI 128: every procedure and macro.
(define (show . xs) (for-each display xs) (newline))
(define num (make-comparator number? = < number-hash))
(show (comparator? num) " " (comparator? 5) " " (comparator-ordered? num) " " (comparator-hashable? num))
(define unordered (make-comparator #t eq? #f #f))
(show (comparator-ordered? unordered) " " (comparator-hashable? unordered) " " (comparator-test-type unordered 'anything))
(define derived (make-comparator string? #t string<? string-hash))
(show ((comparator-equality-predicate derived) "a" "a") " " ((comparator-equality-predicate derived) "a" "b"))
(show (procedure? (comparator-type-test-predicate num)) " " ((comparator-ordering-predicate num) 1 2)
      " " (exact-integer? ((comparator-hash-function num) 7)))
(show (comparator-test-type num 1) " " (comparator-test-type num 'x) " " (comparator-check-type num 1))
(show (= (comparator-hash num 3) (comparator-hash num 3)))
(show (=? num 1 1 1.0) " " (=? num 1 2) " " (<? num 1 2 3) " " (<? num 1 3 2) " " (>? num 3 2 1)
      " " (<=? num 1 1 2) " " (<=? num 2 1) " " (>=? num 2 2 1) " " (>=? num 1 2))
(show (comparator-if<=> num 1 2 'less 'equal 'greater) " " (comparator-if<=> num 2 2 'less 'equal 'greater)
      " " (comparator-if<=> 3 2 'less 'equal 'greater))

;; pairs, lists, vectors
(define pc (make-pair-comparator num (make-comparator string? string=? string<? string-hash)))
(show (comparator-test-type pc '(1 . "a")) " " (comparator-test-type pc '(1 . 2)) " " (comparator-test-type pc 5))
(show (=? pc '(1 . "a") '(1 . "a")) " " (<? pc '(1 . "b") '(2 . "a")) " " (<? pc '(1 . "a") '(1 . "b")) " " (<? pc '(1 . "b") '(1 . "a")))
(show (= (comparator-hash pc '(1 . "a")) (comparator-hash pc (cons 1 (string #\a)))))
(define lc (make-list-comparator num list? null? car cdr))
(show (comparator-test-type lc '(1 2)) " " (comparator-test-type lc '(1 x)) " " (=? lc '(1 2) '(1 2)) " " (=? lc '(1 2) '(1 2 3)))
(show (<? lc '() '(1)) " " (<? lc '(1 2) '(1 3)) " " (<? lc '(1 2) '(1 2 0)) " " (<? lc '(2) '(1 5)))
(show (= (comparator-hash lc '(1 2)) (comparator-hash lc (list 1 2))))
(define vc (make-vector-comparator num vector? vector-length vector-ref))
(show (comparator-test-type vc #(1 2)) " " (=? vc #(1 2) #(1 2)) " " (<? vc #(9) #(1 1)) " " (<? vc #(1 2) #(1 3)) " " (<? vc #(1 3) #(1 2)))
(show (= (comparator-hash vc #(1 2)) (comparator-hash vc (vector 1 2))))
(define bc (make-vector-comparator num bytevector? bytevector-length bytevector-u8-ref))
(show (<? bc (bytevector 1 2) (bytevector 1 3)) " " (=? bc (bytevector 4) (bytevector 4)))

;; eq, eqv, equal comparators
(define s1 (string #\a)) (define s2 (string #\a))
(show (=? (make-eq-comparator) s1 s1) " " (=? (make-eq-comparator) s1 s2) " " (=? (make-eqv-comparator) 2.0 2.0)
      " " (=? (make-equal-comparator) s1 s2) " " (=? (make-equal-comparator) '(1 #(2)) (list 1 (vector 2))))
(show (comparator-test-type (make-equal-comparator) 'anything) " " (exact-integer? (comparator-hash (make-eqv-comparator) 'x)))

;; hash functions
(show (boolean-hash #t) (boolean-hash #f) " " (= (char-hash #\a) (char-hash #\a)) " " (= (char-ci-hash #\a) (char-ci-hash #\A))
      " " (= (string-hash "xy") (string-hash (string #\x #\y))) " " (= (string-ci-hash "XY") (string-ci-hash "xy"))
      " " (= (symbol-hash 'foo) (symbol-hash (string->symbol "foo"))) " " (= (number-hash 5) (number-hash 5)))
(show (let ((h (default-hash '(1 "a" #(b))))) (and (exact-integer? h) (>= h 0))))
(show (exact-integer? (hash-bound)) " " (exact-integer? (hash-salt)))

;; the default comparator
(define d (make-default-comparator))
(show (<? d '() '(1)) " " (<? d #f #t) " " (<? d #\a #\b) " " (<? d "a" "b") " " (<? d 'a 'b) " " (<? d 1 2.5)
      " " (<? d #(1) #(0 0)) " " (<? d (bytevector 1) (bytevector 2)) " " (<? d '(1 . 2) '(1 . 3)))
(show (<? d 1+2i 1+3i) " " (<? d 1+2i 2) " " (=? d 2 2.0) " " (=? d "x" "x") " " (=? d '(1 (2)) '(1 (2.0))))
(show (= (default-hash 2) (default-hash 2.0)) " " (= (default-hash '(1 #(2))) (default-hash (list 1.0 (vector 2)))))
;; distinct types are ordered one way or the other, consistently
(show (not (eq? (<? d 1 "a") (<? d "a" 1))) " " (not (eq? (<? d #\a 'a) (<? d 'a #\a))))
(define-record-type point (make-point x y) point? (x point-x) (y point-y))
(comparator-register-default!
 (make-comparator point? (lambda (a b) (= (point-x a) (point-x b)))
                  (lambda (a b) (< (point-x a) (point-x b)))
                  (lambda (p . _) (point-x p))))
(show (=? d (make-point 1 2) (make-point 1 3)) " " (<? d (make-point 1 0) (make-point 2 0)) " "
      (= (default-hash (make-point 4 0)) (default-hash (make-point 4 9))))
