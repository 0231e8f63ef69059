; Inlining one procedure of a mutually tail-recursive pair into the other
; turns the pair into a loop; either way, tail calls must not grow the stack
; (10 million iterations would overflow it otherwise).
(define (ping n acc)
  (if (= n 0) acc (pong (- n 1) (+ acc 1))))
(define (pong n acc)
  (if (= n 0) acc (ping (- n 1) (+ acc 3))))
(display (ping 10000000 0))
(newline)
(display (pong 10000001 0))
(newline)
