(define-library (lib user-b)
  (export b-count)
  (import (scheme base) (scheme write) (lib counter) (lib user-a))
  (begin
    (display "(lib user-b) runs\n")
    (define (b-count) (count!))))
