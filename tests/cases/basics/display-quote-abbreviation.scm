; Chez Scheme abbreviates quote forms under display (but not under write).
(display ''a) (newline)
(display '`(a ,b ,@c)) (newline)
(display '(1 'x)) (newline)
(display (list 'quote 'y)) (newline)
; only well-formed two-element forms are abbreviated
(display '(quote a b)) (newline)
(display '(1 quote 2)) (newline)
