(define-library (lib user-a)
  (export a-count)
  (import (scheme base) (scheme write) (lib counter))
  (begin
    (display "(lib user-a) runs\n")
    (define (a-count) (count!))))
