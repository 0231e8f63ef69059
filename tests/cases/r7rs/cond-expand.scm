; hand-written .out: Chez 9.5 has no cond-expand; from R7RS 4.2.1.
; cond-expand: feature identifiers, library, and, or, not, else; the first
; clause whose requirement holds expands to a begin of its forms, at top
; level (definitions), in a body (definitions) and as an expression.
(import (scheme base) (scheme write) (scheme inexact))

(cond-expand
  (r7rs (define r7 'r7rs-yes))
  (else (define r7 'r7rs-no)))
(display r7) (newline)

;; The first clause that holds wins, even when a later one holds too.
(cond-expand
  (closc (display "closc") (newline))
  (r7rs (display "not reached") (newline)))

;; A feature closc does not have.
(cond-expand
  (no-such-feature (display "wrong") (newline))
  (else (display "else") (newline)))

;; and, or, not, nested; (and) is true and (or) is false.
(display (cond-expand ((and r7rs ratios (not no-such-feature)) 'and-ok) (else 'and-bad)))
(newline)
(display (cond-expand ((or no-such-feature full-unicode) 'or-ok) (else 'or-bad)))
(newline)
(display (cond-expand ((and) 'empty-and-true) (else 'empty-and-false)))
(newline)
(display (cond-expand ((or) 'empty-or-true) (else 'empty-or-false)))
(newline)
(display (cond-expand ((not (or exact-closed no-such-feature)) 'not-bad) (else 'not-ok)))
(newline)
(display (cond-expand ((and ieee-float (or (not r7rs) closc)) 'nested-ok) (else 'nested-bad)))
(newline)

;; library: true for the libraries import would find (the standard ones, the
;; bundled ones), false for others.
(display (cond-expand ((library (scheme base)) 'base) (else 'no-base)))
(newline)
(display (cond-expand ((library (scheme char)) 'char) (else 'no-char)))
(newline)
(display (cond-expand ((library (srfi 39)) 'srfi-39) (else 'no-srfi-39)))
(newline)
(display (cond-expand ((library (no such library)) 'yes) (else 'no-such-library)))
(newline)

;; The architecture and the OS are features too.
(display (cond-expand ((or x86-64 aarch64) 'known-arch) (else 'unknown-arch)))
(newline)
(display (cond-expand ((and posix unix) 'posix) (else 'not-posix)))
(newline)

;; In a body: definitions spliced among the body's definitions.
(define (f x)
  (cond-expand
    (r7rs (define y (* x 2)) (define z (+ y 1)))
    (else (define y 0) (define z 0)))
  (list y z))
(write (f 10)) (newline)

;; Several forms in the chosen clause: a sequence, the last value is the result.
(write (let () (cond-expand (closc 1 2 3)))) (newline)

;; Nested cond-expand.
(cond-expand
  (r7rs (cond-expand
          (closc (define nested 'inner))
          (else (define nested 'wrong))))
  (else (define nested 'outer-else)))
(display nested) (newline)

;; A clause that does not hold is neither expanded nor evaluated: its
;; forms may even be malformed.
(cond-expand (no-such-feature (if)) (else (display "after") (newline)))

;; A macro can expand to cond-expand.
(define-syntax when-closc
  (syntax-rules () ((_ e ...) (cond-expand (closc e ...) (else #f)))))
(write (when-closc 'from-macro)) (newline)

;; cond-expand is syntax: a local binding of the name shadows it.
(let ((cond-expand (lambda args 'shadowed)))
  (display (cond-expand 1 2)) (newline))

;; (features) lists the features cond-expand tests, as symbols.
(define fs (features))
(write (list (and (memq 'r7rs fs) #t)
             (and (memq 'closc fs) #t)
             (and (memq 'exact-closed fs) #t)
             (and (memq 'ratios fs) #t)
             (and (memq 'ieee-float fs) #t)
             (and (memq 'full-unicode fs) #t)
             (and (memq 'no-such-feature fs) #t)
             (list? fs)
             (symbol? (car fs))))
(newline)
;; Every feature (features) lists holds in cond-expand: checked for the
;; ones a program can name portably.
(write (cond-expand ((and r7rs closc exact-closed ratios ieee-float full-unicode) 'all) (else 'some)))
(newline)
;; Complex numbers with exact parts: exact-complex.
(write (cond-expand (exact-complex (sqrt -4)) (else (quote no-complex))))
(newline)
