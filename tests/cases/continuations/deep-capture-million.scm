; Capturing and re-entering a continuation with a 10^6-deep stack.
(define saved #f)
(define (deep n) (if (= n 0) (call/cc (lambda (k) (set! saved k) 0)) (+ 1 (deep (- n 1)))))
(define (main) (define hits 0) (display (deep 1000000)) (newline) (set! hits (+ hits 1)) (if (< hits 2) (saved 5)))
(main)
