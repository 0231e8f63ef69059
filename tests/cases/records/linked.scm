; Records as the nodes of a linked structure; type names with angle brackets.
(define-record-type <node>
  (make-node value next)
  node?
  (value node-value)
  (next node-next set-node-next!))

(define (list->nodes l)
  (if (null? l) '() (make-node (car l) (list->nodes (cdr l)))))
(define (nodes-sum n)
  (if (null? n) 0 (+ (node-value n) (nodes-sum (node-next n)))))
(define ns (list->nodes '(1 2 3 4)))
(write ns) (newline)
(display ns) (newline)
(write (nodes-sum ns)) (newline)
(let loop ((n ns) (acc '()))
  (if (node? n)
      (loop (node-next n) (cons (node-value n) acc))
      (begin (write acc) (newline))))
