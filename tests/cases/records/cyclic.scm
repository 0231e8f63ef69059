; A record that refers to itself prints with datum labels.
(define-record-type <node>
  (make-node value next)
  node?
  (value node-value)
  (next node-next set-node-next!))
(define a (make-node 'a '()))
(set-node-next! a a)
(write a) (newline)
(define b (make-node 'b a))
(write (list b b)) (newline)
(write (eq? (node-next (node-next a)) a)) (newline)
