; append copies every argument but the last, which must be proper lists.
(write (append '(1 2) '(3) 4)) (newline)
(write (append '() '(5 . 6))) (newline)
(append '(1 . 2) '(3))
