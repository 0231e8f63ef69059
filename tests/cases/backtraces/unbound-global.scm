; A global read before its definition ran: the position of the reference.
(define (use-later) (list later))
(use-later)
(define later 1)
