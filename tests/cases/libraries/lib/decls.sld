;; Every library declaration: export (plain and rename), import, begin,
;; include, include-ci, include-library-declarations, cond-expand.
(define-library (lib decls)
  (export (rename internal-square sq) double)
  (include-library-declarations "decls-exports.sch")
  (import (scheme base))
  (cond-expand
    ((library (scheme char)) (import (only (scheme char) char-upcase)))
    (else))
  (cond-expand
    ((not closc) (begin (define feature 'other)))
    ((and r7rs (or no-such-feature closc)) (begin (define feature 'closc)))
    (else (begin (define feature 'none))))
  (begin
    (define (internal-square x) (* x x)))
  (include "decls-body.sch")
  (include-ci "decls-ci.sch"))
