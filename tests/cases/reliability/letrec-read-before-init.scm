; R7RS 4.2.2: in letrec and letrec* (and internal definitions) it is an
; error to read a variable before its initialisation. Every read that may
; come first is checked; reads proved to come after are not.
(define (show thunk)
  (guard (e ((error-object? e)
             (display (error-object-message e))
             (display ": ")
             (write (error-object-irritants e))
             (newline)))
    (write (thunk))
    (newline)))
; Read by an init before its own: an error.
(show (lambda () (letrec ((a b) (b 1)) a)))
(show (lambda () (letrec* ((a (+ b 1)) (b 1)) a)))
; Its own init reads it.
(show (lambda () (letrec ((a (list a))) a)))
; In order: fine.
(show (lambda () (letrec* ((a 1) (b (+ a 1))) b)))
; A lambda that reads a later variable, called before it is assigned.
(show (lambda () (letrec ((f (lambda () g)) (x (f)) (g 2)) x)))
; ... and called after: fine.
(show (lambda () (letrec ((f (lambda () g)) (g 2) (x (f))) x)))
; Internal definitions are letrec*.
(show (lambda () (define (get) later) (define early (get)) (define later 5) early))
(show (lambda () (define (get) later) (define later 5) (define early (get)) early))
; A read in a branch not taken is no error.
(show (lambda () (letrec ((a (if #f b 1)) (b 2)) a)))
; Mutual recursion among procedures with a constant beside them.
(show (lambda ()
        (define (ev? n) (if (= n 0) #t (od? (- n 1))))
        (define k 10)
        (define (od? n) (if (= n 0) #f (ev? (- n 1))))
        (ev? k)))
; A procedure passed out and called by another init.
(show (lambda ()
        (letrec* ((f (lambda () x))
                  (y (apply f '()))
                  (x 3))
          y)))
; Re-entered through a continuation after everything is assigned: fine.
(define k #f)
(define n 0)
(show (lambda ()
        (letrec* ((a (call/cc (lambda (c) (set! k c) 1)))
                  (b (+ a 1)))
          (list a b))))
(if (< n 2) (begin (set! n (+ n 1)) (k (* n 10))))
; Uncaught: the error names the variable and where it is read.
(letrec ((p q)
         (q 1))
  p)
