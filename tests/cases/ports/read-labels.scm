; read understands datum labels, so written cyclic data reads back.
(define c (read (open-input-string "#0=(a b . #0#)")))
(write (list (car c) (cadr c) (eq? c (cddr c)))) (newline)
(write c) (newline)
(define d (read (open-input-string "(#1=(x) #1# #2=#(#2#))")))
(write (eq? (car d) (cadr d))) (newline)
(write (eq? (caddr d) (vector-ref (caddr d) 0))) (newline)
(write d) (newline)
