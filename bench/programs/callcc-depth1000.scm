;; callcc-depth1000: call/cc in a loop of 10^7 iterations, 1000 frames deep: half the
;; continuations are escaped through, half return normally. With constant-time
;; capture the time does not depend on the depth (compare callcc-depth10,
;; callcc-depth1000 and callcc-depth100000, which differ only in DEPTH).
(define depth 1000)

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
