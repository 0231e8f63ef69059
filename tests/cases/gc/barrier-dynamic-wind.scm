; dynamic-wind at many depths of a 10^5-deep recursion that allocates while
; it returns: escapes out of the deep part run the after thunks (which
; allocate) while frames below the stack barrier are dropped; re-entering a
; continuation captured inside runs the before thunks again.

(define entered 0)
(define exited 0)
(define log '())

(define (deep-wind n at k)
  (define (body)
    (let ((rest (deep-wind (- n 1) at k)))
      (if (= n at) (k (list 'escaped n (length rest))))
      (cons (string #\x) rest)))
  (cond ((= n 0) '())
        ((= 0 (modulo n 5000))
         (dynamic-wind
          (lambda () (set! entered (+ entered 1)))
          body
          (lambda ()
            (set! exited (+ exited 1))
            (set! log (cons (make-vector 2 n) log)))))
        (else (body))))

(write (call/cc (lambda (k) (deep-wind 100000 42000 k)))) (newline)
(write (list entered exited (length log) (vector-ref (car log) 0))) (newline)
(write (length (deep-wind 100000 -1 #f))) (newline)
(write (list entered exited)) (newline)

; Re-entry through the winds: a continuation captured at the bottom,
; resumed from outside after the escape.
(define bottom #f)
(define (deep-capture n)
  (cond ((= n 0) (call/cc (lambda (k) (set! bottom k) 0)))
        ((= 0 (modulo n 2000))
         (dynamic-wind
          (lambda () (set! entered (+ entered 1)))
          (lambda () (+ 1 (deep-capture (- n 1)) (length (list n n))))
          (lambda () (set! exited (+ exited 1)))))
        (else (+ 1 (deep-capture (- n 1)) (length (list n n))))))
(define (reenter-test)
  (set! entered 0)
  (set! exited 0)
  (let ((runs 0) (totals '()))
    (let ((total (deep-capture 20000)))
      (set! runs (+ runs 1))
      (set! totals (cons total totals))
      (if (< runs 3)
          (bottom runs)
          (list runs (reverse totals) entered exited)))))
(write (reenter-test)) (newline)
