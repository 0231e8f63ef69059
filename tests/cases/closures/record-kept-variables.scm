; Assigned variables that only their one closure uses live in the closure's
; record instead of a box (closc explain: "in record"). Each binding still
; gets its own variable, every call sees the last assignment, and stores of
; young objects into an old record survive collections.
(define (make-counter)
  (let ((count 0))
    (lambda ()
      (set! count (+ count 1))
      count)))
(define a (make-counter))
(define b (make-counter))
(a) (a) (a) (b)
(display (list (a) (b))) (newline)

; The binding is a parameter of the maker.
(define (make-accumulator total)
  (lambda (x)
    (set! total (+ total x))
    total))
(define acc (make-accumulator 100))
(acc 10)
(display (acc 5)) (newline)

; Two variables in one record.
(define (make-fib-stepper)
  (let ((x 0) (y 1))
    (lambda ()
      (let ((next (+ x y)))
        (set! x y)
        (set! y next)
        x))))
(define step (make-fib-stepper))
(let* ((s1 (step)) (s2 (step)) (s3 (step)) (s4 (step)) (s5 (step)))
  (display (list s1 s2 s3 s4 s5)) (newline))

; A list held in the record, replaced by fresh lists while the program
; allocates enough to promote the record and collect many times.
(define (make-history)
  (let ((items '()))
    (lambda (msg . x)
      (if (eq? msg 'add)
          (set! items (cons (car x) items))
          items))))
(define h (make-history))
(define (churn n) (if (= n 0) 'done (begin (cons n n) (churn (- n 1)))))
(let loop ((i 0))
  (when (< i 2000)
    (h 'add (list i (* i i)))
    (churn 500)
    (loop (+ i 1))))
(display (length (h 'get))) (newline)
(display (car (h 'get))) (newline)
(display (list-ref (h 'get) 1999)) (newline)

; Not eligible: shared by two closures (boxed), used by a nested lambda.
(define (make-pair-of-closures)
  (let ((n 0))
    (cons (lambda () (set! n (+ n 1)) n)
          (lambda () n))))
(define p (make-pair-of-closures))
((car p)) ((car p))
(display ((cdr p))) (newline)
(define (make-nested)
  (let ((n 10))
    (lambda ()
      (set! n (+ n 1))
      (lambda () n))))
(define nested (make-nested))
(define seen (nested))
(nested)
(display (seen)) (newline)

; A continuation captured inside the closure and resumed later sees the
; variable's latest value: the record is the variable.
(define resume #f)
(define c
  (let ((n 0))
    (lambda ()
      (set! n (+ n 1))
      (if (not resume) (call/cc (lambda (k) (set! resume k))))
      n)))
(define (resume-test)
  (let ((r (c)))
    (display r) (newline)
    (c)
    (if (< r 5) (resume #f) 'done)))
(display (resume-test)) (newline)
