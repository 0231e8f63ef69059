; dynamic-wind around a generator body: every resume re-enters the extent
; and every yield leaves it.
(define trace '())
(define (note x) (set! trace (cons x trace)))
(define (make-gen lst)
  (define return #f)
  (define resume #f)
  (lambda ()
    (call/cc
     (lambda (r)
       (set! return r)
       (if resume
           (resume 'go)
           (begin
             (dynamic-wind
              (lambda () (note 'in))
              (lambda ()
                (for-each (lambda (x)
                            (call/cc (lambda (k) (set! resume k) (return x))))
                          lst))
              (lambda () (note 'out)))
             (return 'done)))))))
(define g (make-gen '(1 2)))
(define (main)
  (let* ((a (g)) (b (g)) (c (g)))
    (display (list a b c))
    (newline)
    (display (reverse trace))
    (newline)))
(main)
