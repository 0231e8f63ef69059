(import (scheme base) (scheme cxr) (scheme write))
; (scheme cxr): the 24 compositions of car and cdr of three and four levels
; (R7RS 6.4: (caddr x) is (car (cdr (cdr x))), and so on), on a tree where
; each path leads to a different value; each raises an error, catchable by
; guard, when a step meets a non-pair.

;; A full binary tree whose leaves name their path from the root: the leaf
;; (car (cdr (car t))) is the symbol ada, the letters of cadar reversed.
(define (tree path depth)
  (if (= depth 0)
      (string->symbol path)
      (cons (tree (string-append path "a") (- depth 1))
            (tree (string-append path "d") (- depth 1)))))
(define t4 (tree "" 4))
(define t3 (tree "" 3))

(define-syntax show
  (syntax-rules ()
    ((_ f t) (begin (write 'f) (display " ") (write (f t)) (newline)))))

(show caaar t3) (show caadr t3) (show cadar t3) (show caddr t3)
(show cdaar t3) (show cdadr t3) (show cddar t3) (show cdddr t3)
(show caaaar t4) (show caaadr t4) (show caadar t4) (show caaddr t4)
(show cadaar t4) (show cadadr t4) (show caddar t4) (show cadddr t4)
(show cdaaar t4) (show cdaadr t4) (show cdadar t4) (show cdaddr t4)
(show cddaar t4) (show cddadr t4) (show cdddar t4) (show cddddr t4)

;; On lists, the common use.
(define l '(1 (2 3) 4 5 6))
(write (list (caddr l) (cadddr l) (cdddr l) (cddddr l) (caadr l) (cdadr l)))
(newline)
(write (cadadr l)) (newline)

;; They are procedures: passed to map.
(write (map caddr '((1 2 3) (4 5 6)))) (newline)

;; A step that meets a non-pair is an error; the others are not reached.
(define (fails? thunk)
  (guard (e (#t (quote error)))
    (thunk)))
(write (list (fails? (lambda () (caddr '(1 2))))
             (fails? (lambda () (cadddr '(1 2 3))))
             (fails? (lambda () (caaar '((1)))))
             (fails? (lambda () (cddddr '(1 2 3))))
             (fails? (lambda () (cdaddr 5)))))
(newline)
(write (cddddr '(1 2 3 4))) (newline)
