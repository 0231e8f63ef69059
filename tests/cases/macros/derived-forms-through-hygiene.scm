;; Templates using let, cond, case, do, named let, and, or, when, quasiquote work
;; even where the user has locals with those names.
(define-syntax classify
  (syntax-rules ()
    ((_ n)
     (let ((v n))
       (cond ((< v 0) 'negative)
             ((= v 0) 'zero)
             (else (case v ((1 2 3) 'small) (else 'big))))))))
(define-syntax sum-below
  (syntax-rules ()
    ((_ n) (do ((i 0 (+ i 1)) (s 0 (+ s i))) ((= i n) s)))))
(define-syntax countdown
  (syntax-rules ()
    ((_ n) (let loop ((i n) (acc '())) (if (= i 0) (reverse acc) (loop (- i 1) (cons i acc)))))))
(define-syntax both
  (syntax-rules ()
    ((_ a b) (and (or a #f) (or b #f) `(,a ,b)))))
(let ((let 1) (cond 2) (case 3) (do 4) (else 5) (loop 6) (and 7) (or 8) (i 9) (v 10) (s 11) (reverse 12))
  (display (list (classify -5) (classify 0) (classify 2) (classify 50))) (newline)
  (display (sum-below 5)) (newline)
  (display (countdown 3)) (newline)
  (display (both 1 2)) (newline)
  (display (list let cond case do else loop and or i v s reverse)) (newline))
