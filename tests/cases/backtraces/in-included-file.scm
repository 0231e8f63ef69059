; hand-written .out: the program imports or includes files of its own, and the error's report is closc's.
; An error raised in a procedure defined in an included file is reported at
; the included file's line and column.
(include "parts/table.sch")
(define (price item)
  (* 2 (lookup item '((apple . 3) (pear . 4)))))
(display (price 'pear))
(newline)
(display (price 'plum))
