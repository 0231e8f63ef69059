; Line comments, nested block comments and datum comments.
(display 1) ; a line comment
(newline)
#| a block comment
   spanning lines |#
(display 2) (newline)
#| outer #| nested |# still comment (display "not run") |#
(display 3) (newline)
#;(display "skipped datum")
(display 4) (newline)
(display (list 1 #;2 3 #; (4 5) 6)) (newline)
(display '(a #| inline |# b)) (newline)
(display (+ 1 #;(* 100 100) 2)) (newline)
#;
(display "skipped datum on next line")
(display "end") ; trailing comment, and the file ends without a newline