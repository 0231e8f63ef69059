(define-library (greet hello)
  (export greeting)
  (import (scheme base))
  (begin (define greeting "hello from search-dirs/two")))
