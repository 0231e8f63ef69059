; hand-written .out: Chez 9.5 has include but not include-ci nor R7RS's
; rules for where files are found; from R7RS 4.1.7.
; include and include-ci read the named files (relative to the including
; file) and splice their forms as a begin: at top level, in a body and as an
; expression.
(import (scheme base) (scheme write))

(include "include-files/defs.sch")
(display (square-plus-one 4)) (newline)
(display included-value) (newline)
(display inner-value) (newline)

;; Several files in one include, in order.
(include "include-files/body.sch" "include-files/macros.sch")
(define p 1)
(define q 2)
(swap! p q)
(write (list b1 b2 p q)) (newline)

;; In a body: the included definitions are the body's.
(define (g)
  (include "include-files/body.sch")
  (+ b1 b2))
(display (g)) (newline)

;; As an expression: the value of the last form.
(display (include "include-files/expr.sch")) (newline)

;; include-ci folds case; include does not.
(include-ci "include-files/FOLDED.sch")
(write (shout 'there)) (newline)
(write folded-char) (newline)
(include "include-files/unfolded.sch")
(write Mixed) (newline)
