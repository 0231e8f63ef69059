(define-library (lib counter)
  (export count!)
  (import (scheme base) (scheme write))
  (begin
    (display "(lib counter) runs\n")
    (define n 0)
    (define (count!) (set! n (+ n 1)) n)))
