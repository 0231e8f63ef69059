;;; SRFI 37, args-fold: a program argument processor (POSIX short options,
;;; GNU long options).
(define-library (srfi 37)
  (export option option-names option-required-arg? option-optional-arg?
          option-processor args-fold)
  (import (scheme base))
  (include "37.scm"))
