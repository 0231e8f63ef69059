;; Two macro-introduced top-level procedures calling each other, and a
;; macro-introduced variable used (in a procedure) before its definition.
(define-syntax define-parity
  (syntax-rules ()
    ((_ even-name odd-name)
     (begin
       (define (even-name n) (if (= n 0) #t (my-odd? (- n 1))))
       (define (my-odd? n) (if (= n 0) #f (my-even? (- n 1))))
       (define (my-even? n) (even-name n))
       (define (odd-name n) (my-odd? n))))))
(define-parity ev? od?)
(display (list (ev? 10) (ev? 7) (od? 7) (od? 10)))
(newline)
(define-syntax define-counter
  (syntax-rules ()
    ((_ next!)
     (begin
       (define (next!) (set! count (+ count step)) count)
       (define step 2)
       (define count 0)))))
(define-counter tick!)
(tick!)
(display (tick!))
(newline)
;; The user's names `my-odd?` and `count` are not the macro's.
(define (my-odd? n) 'users)
(define count 'users-count)
(display (list (od? 3) (my-odd? 3) count (tick!)))
(newline)
