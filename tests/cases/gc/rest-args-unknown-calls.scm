; Unknown calls to a rest-parameter procedure build the rest list in the
; call's slow path; millions of them cross the nursery's end many times.
; (That path once bumped the allocation pointer without a limit check; the
; checked allocation of `marks` makes the collector notice an overrun.)
(define (collect . xs) xs)
(define (collect-after-one a . xs) (cons a xs))
(define (call-many f n)
  (let loop ((i 0) (total 0) (marks '()))
    (if (= i n)
        (+ total (car marks))
        (loop (+ i 1)
              ;; Only inline primitives here: a runtime call would leave
              ;; room in the nursery behind it and hide an overrun.
              (+ total (car (cdr (f i 2))) (car (cdr (cdr (f i 2 3)))) (car (f 1)))
              (if (= 0 (remainder i 100000)) (cons i marks) marks)))))
(display (call-many collect 1000000))
(newline)
(display (call-many collect-after-one 1000000))
(newline)
