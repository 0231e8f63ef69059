; (lambda args ...) closures receive all their arguments as a fresh list.
(define (make-collector tag)
  (lambda args (cons tag args)))

(define c (make-collector 'got))
(write (c)) (newline)
(write (c 1)) (newline)
(write (c 1 "two" #\3 'four)) (newline)

(define (count-args . args) (length args))
(display (count-args)) (display " ")
(display (count-args 'a)) (display " ")
(display (count-args 'a 'b 'c)) (newline)

; the rest list is freshly allocated, mutating it does not affect the caller's list
(define keep #f)
(define (grab . args) (set! keep args) args)
(define lst (list 1 2 3))
(apply grab lst)
(set-car! keep 'changed)
(display lst) (newline)
(display keep) (newline)
