;;; SRFI 27, sources of random bits (generator MRG32k3a, see 27.scm).
(define-library (srfi 27)
  (export random-integer random-real default-random-source
          make-random-source random-source?
          random-source-state-ref random-source-state-set!
          random-source-randomize! random-source-pseudo-randomize!
          random-source-make-integers random-source-make-reals)
  (import (scheme base) (scheme cxr) (scheme time))
  (include "27.scm"))
