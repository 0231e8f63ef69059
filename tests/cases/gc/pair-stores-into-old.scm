; Young values stored with set-car!/set-cdr! into pairs already promoted to
; the old generation (where pairs have no header: their remembered bit is in
; their chunk's bitmap) survive minor and major collections, whether the
; compiled code's barrier or the runtime's (list-set!, apply'd set-car!) ran.
(define (churn n) (if (= n 0) 'done (begin (cons n n) (churn (- n 1)))))
(define (iota-list n) (let loop ((i (- n 1)) (acc '())) (if (< i 0) acc (loop (- i 1) (cons i acc)))))
(define spine (iota-list 2000))
(churn 300000)                          ; the spine is old now
;; Each pair of the spine gets a fresh list in its car, then churn, over and
;; over: the fresh lists are young when stored, old after.
(define (fill! l i)
  (if (pair? l)
      (begin (set-car! l (list i (* i i) (number->string i)))
             (fill! (cdr l) (+ i 1)))))
(do ((round 0 (+ round 1))) ((= round 5))
  (fill! spine round)
  (churn 100000))
(define (check l i)
  (cond ((null? l) #t)
        ((and (= (car (car l)) (+ i 4))
              (= (cadr (car l)) (* (+ i 4) (+ i 4)))
              (string=? (caddr (car l)) (number->string (+ i 4))))
         (check (cdr l) (+ i 1)))
        (else (list 'bad i (car l)))))
(display (check spine 0))
(newline)
;; set-cdr! grafts a young tail onto the last old pair.
(define last-pair* (let loop ((l spine)) (if (null? (cdr l)) l (loop (cdr l)))))
(set-cdr! last-pair* (list 'tail (vector 1 2 3) "tail"))
(churn 300000)
(write (cdr last-pair*))
(newline)
;; The runtime's barrier: list-set! and set-car! through apply.
(list-set! spine 10 (cons 'from 'list-set!))
(apply set-car! (list (cdr spine) (cons 'from 'apply)))
(apply set-cdr! (list (cdr last-pair*) (list 'cdr 'from 'apply)))
(churn 300000)
(write (list (list-ref spine 10) (cadr spine) (cdr last-pair*)))
(newline)
(display (length spine))
(newline)
