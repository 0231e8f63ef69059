;; Re-exports (scheme base)'s car and cdr, one under another name.
(define-library (lib reexport)
  (export car (rename cdr rest))
  (import (scheme base)))
