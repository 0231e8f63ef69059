;;; deriv: symbolic differentiation and expansion of small expression trees (cons/list allocation, eq? on symbols, young-generation garbage).

;; Expressions: numbers, symbols, (+ a b), (* a b), (- a b), (expt a n).
(define (d e x)
  (cond ((number? e) 0)
        ((symbol? e) (if (eq? e x) 1 0))
        (else
         (let ((op (car e)) (a (cadr e)) (b (caddr e)))
           (case op
             ((+) (list '+ (d a x) (d b x)))
             ((-) (list '- (d a x) (d b x)))
             ((*) (list '+ (list '* (d a x) b) (list '* a (d b x))))
             ((expt) (list '* (list '* b (list 'expt a (- b 1))) (d a x)))
             (else (list 'unknown op)))))))

;; One pass of constant folding and identity removal.
(define (fold-once e)
  (if (pair? e)
      (let ((op (car e)) (a (fold-once (cadr e))) (b (fold-once (caddr e))))
        (cond ((and (number? a) (number? b) (memq op '(+ - *)))
               (case op ((+) (+ a b)) ((-) (- a b)) (else (* a b))))
              ((and (eq? op '+) (eqv? a 0)) b)
              ((and (eq? op '+) (eqv? b 0)) a)
              ((and (eq? op '-) (eqv? b 0)) a)
              ((and (eq? op '*) (or (eqv? a 0) (eqv? b 0))) 0)
              ((and (eq? op '*) (eqv? a 1)) b)
              ((and (eq? op '*) (eqv? b 1)) a)
              ((and (eq? op 'expt) (eqv? b 1)) a)
              (else (list op a b))))
      e))

(define (size e)
  (if (pair? e) (+ 1 (size (cadr e)) (size (caddr e))) 1))

;; A polynomial-like expression of depth N over the variables x and y.
(define (build n)
  (if (= n 0)
      'x
      (let ((sub (build (- n 1))))
        (case (modulo n 4)
          ((0) (list '+ (list '* 3 sub) (list 'expt 'x 3)))
          ((1) (list '* sub (list '+ 'x 'y)))
          ((2) (list '- (list 'expt sub 2) 'y))
          (else (list '+ sub (list '* 'x 5)))))))

(define (run rounds)
  (let ((exprs (map build '(3 4 5 6 7 8))))
    (let loop ((i 0) (acc 0))
      (if (= i rounds)
          acc
          (loop (+ i 1)
                (+ acc
                   (apply + (map (lambda (e) (size (fold-once (d (d e 'x) 'y)))) exprs))
                   (apply + (map (lambda (e) (size (d e 'x))) exprs))))))))

(display (run 10000))
(newline)
