; A stack ADT returned as a list of closures sharing one hidden list.
(define (make-stack)
  (let ((items '()))
    (list (lambda (x) (set! items (cons x items)) (length items))  ; push
          (lambda ()                                              ; pop
            (if (null? items)
                'underflow
                (let ((top (car items)))
                  (set! items (cdr items))
                  top)))
          (lambda () (if (null? items) 'empty (car items)))      ; peek
          (lambda () (length items)))))                           ; size

(define s (make-stack))
(define push (car s))
(define pop (cadr s))
(define peek (caddr s))
(define size (list-ref s 3))

(display (peek)) (newline)
(display (push 'a)) (newline)
(display (push 'b)) (newline)
(display (push 'c)) (newline)
(display (peek)) (newline)
(display (pop)) (newline)
(display (size)) (newline)
(display (pop)) (display (pop)) (display (pop)) (newline)
(display (size)) (newline)

; balanced parentheses checker using the stack
(define (balanced? chars)
  (let* ((st (make-stack)) (spush (car st)) (spop (cadr st)) (ssize (list-ref st 3)))
    (let loop ((cs chars))
      (cond ((null? cs) (= (ssize) 0))
            ((eq? (car cs) 'open) (spush 'open) (loop (cdr cs)))
            ((eq? (spop) 'underflow) #f)
            (else (loop (cdr cs)))))))
(display (balanced? '(open open close close))) (newline)
(display (balanced? '(open close close))) (newline)
(display (balanced? '(open open close))) (newline)
