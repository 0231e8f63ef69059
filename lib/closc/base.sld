;; (closc base): closc's extras beyond R7RS-small, which a script (a file
;; without `import`) sees without importing them. `assert` (syntax) and
;; `gensym` come from the system's own library `(closc)`; `format` is SRFI
;; 48's (lib/srfi/28.sld and 48.sld re-export this binding, so a program
;; may import any two of them).
(define-library (closc base)
  (import (scheme base) (scheme char) (scheme complex) (scheme inexact) (scheme write)
          (only (closc) assert gensym))
  (export assert gensym format pretty-print sort)
  (include "pretty-print.scm" "format.scm" "sort.scm"))
