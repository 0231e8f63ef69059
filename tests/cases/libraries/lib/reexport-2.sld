(define-library (lib reexport-2)
  (export car)
  (import (only (scheme base) car)))
