;; A bank account as a message-passing object: the balance is hidden inside the
;; closure; the only way to reach it is through the messages it answers.
(define (make-account balance)
  (define (withdraw amount)
    (if (>= balance amount)
        (begin (set! balance (- balance amount)) balance)
        "Insufficient funds"))
  (define (deposit amount)
    (set! balance (+ balance amount))
    balance)
  (lambda (message . args)
    (cond ((eq? message 'withdraw) (apply withdraw args))
          ((eq? message 'deposit) (apply deposit args))
          ((eq? message 'balance) balance)
          (else (error "Unknown request" message)))))

(define acc (make-account 100))
(display (acc 'withdraw 30)) (newline)   ; 70
(display (acc 'deposit 50)) (newline)    ; 120
(display (acc 'withdraw 500)) (newline)  ; Insufficient funds
(display (acc 'balance)) (newline)       ; 120
