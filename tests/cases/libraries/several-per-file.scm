; A file may hold several libraries; name parts may be exact integers
; ((lib 42) is lib/42.sld); a library may be defined in the program's own
; file, before its imports.
(define-library (local tools)
  (export twice)
  (import (scheme base))
  (begin (define (twice x) (* 2 x))))
(import (scheme base) (scheme write) (lib multi) (lib 42) (local tools))
(write (list (shout-twice "ab") (twice answer)))
(newline)
