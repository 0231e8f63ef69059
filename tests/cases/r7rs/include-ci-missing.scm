; hand-written .out: a compile error naming the file and the OS's reason.
(define (f) (include-ci "nowhere.sch"))
