; `apply` in tail position stays a proper tail call (the check that makes a
; failing one a call does not keep frames): a million iterations through
; `apply` and through `call-with-values`, mutually recursive with
; procedures that tail-call back, run in a 16 MiB stack.
(define (count-down n acc)
  (if (= n 0)
      acc
      (apply step (list (- n 1) (+ acc 1)))))
(define (step n acc) (count-down n acc))
(define step2 #f)
(define (values-loop n)
  (if (= n 0)
      'done
      (call-with-values (lambda () (values (- n 1))) step2)))
(set! step2 values-loop)
(define (spread f . args) (apply f args))
(define (rest-loop n . more)
  (if (= n 0)
      (length more)
      (spread rest-loop (- n 1) 'x 'y)))
(display (count-down 1000000 0))
(newline)
(display (values-loop 1000000))
(newline)
(display (rest-loop 1000000))
(newline)
