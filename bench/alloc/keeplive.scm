;;; keeplive: keeps everything it allocates live until memory runs out (the
;;; heap-cap test: CLOSC_HEAP_MAX=64M must end in a clean out-of-memory error).
(define (grow l i)
  (grow (cons (make-vector 10 i) l) (+ i 1)))
(grow '() 0)
