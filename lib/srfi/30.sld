;; SRFI 30: nested multi-line comments (#| ... |#), which the reader
;; always accepts (R7RS 2.2): nothing to export, but importable.
(define-library (srfi 30)
  (export))
