; let over lambda over let: state at two levels -- shared per factory
; and private per instance.
(define make-id-maker
  (let ((makers-created 0))
    (lambda (prefix)
      (set! makers-created (+ makers-created 1))
      (let ((serial 0) (maker-number makers-created))
        (lambda ()
          (set! serial (+ serial 1))
          (list prefix maker-number serial))))))

(define user-id (make-id-maker 'user))
(define order-id (make-id-maker 'order))
(display (user-id)) (newline)
(display (user-id)) (newline)
(display (order-id)) (newline)
(display (user-id)) (newline)
(define item-id (make-id-maker 'item))
(display (item-id)) (newline)
(display (order-id)) (newline)
