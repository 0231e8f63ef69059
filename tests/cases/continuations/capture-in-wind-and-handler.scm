; Continuations captured inside dynamic-wind and inside exception handlers,
; re-entered after their extent was left.
(define (wind-test)
  (define trace '())
  (define (note x) (set! trace (cons x trace)))
  (define k-wind #f)
  (define n 0)
  (dynamic-wind
   (lambda () (note 'before))
   (lambda () (note (call/cc (lambda (k) (set! k-wind k) 'first))))
   (lambda () (note 'after)))
  (set! n (+ n 1))
  (if (< n 3) (k-wind n))
  (reverse trace))

(define (handler-test)
  (define k-handler #f)
  (define results '())
  (define m 0)
  (let ((r (with-exception-handler
            (lambda (e) (+ e (call/cc (lambda (k) (set! k-handler k) 0))))
            (lambda () (* 2 (raise-continuable 10))))))
    (set! results (cons r results))
    (set! m (+ m 1))
    (if (< m 3) (k-handler (* m 100)))
    (reverse results)))

; A handler that escapes from deep inside a recursion, through guard.
(define (deep-raise n) (if (= n 0) (raise 'boom) (+ 1 (deep-raise (- n 1)))))

; Re-entering the body of a guard whose handler already ran.
(define (guard-test)
  (define k-body #f)
  (define results '())
  (let ((r (guard (e ((symbol? e) (list 'guarded e)))
             (let ((v (call/cc (lambda (k) (set! k-body k) 0))))
               (if (< v 2) (raise 'again) (list 'done v))))))
    (set! results (cons r results))
    (if (< (length results) 3) (k-body (length results)))
    (reverse results)))

(display (wind-test))
(newline)
(display (handler-test))
(newline)
(display (guard (e (#t (list 'caught e))) (deep-raise 100000)))
(newline)
(display (guard-test))
(newline)
