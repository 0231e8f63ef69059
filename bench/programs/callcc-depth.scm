;; callcc-depth: call/cc in a loop of 10^7 iterations, DEPTH frames deep: half the
;; continuations are escaped through, half return normally. With constant-time
;; capture the time does not depend on the depth. callcc-depth.params lists the
;; depths the harness runs it at (rows callcc-depth10, callcc-depth1000 and
;; callcc-depth100000), each setting the `define` of `depth` below.
(define depth 10)

(define (capture-loop n)
  (let loop ((i 0) (acc 0))
    (if (= i n)
        acc
        (loop (+ i 1)
              (+ acc (call-with-current-continuation
                      (lambda (k) (if (odd? i) (k 1) 0))))))))

;; Runs thunk under d non-tail frames.
(define (at-depth d thunk)
  (if (= d 0)
      (thunk)
      (+ 1 (at-depth (- d 1) thunk))))

(display (at-depth depth (lambda () (capture-loop 10000000))))
(newline)
