;; One file, two libraries: (lib multi) imports (lib multi helper), defined
;; after it in the same file.
(define-library (lib multi)
  (export shout-twice)
  (import (scheme base) (lib multi helper))
  (begin (define (shout-twice s) (string-append (shout s) (shout s)))))

(define-library (lib multi helper)
  (export shout)
  (import (scheme base) (scheme char))
  (begin (define (shout s) (string-upcase s))))
