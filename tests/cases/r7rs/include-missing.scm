; hand-written .out: a compile error naming the file and the OS's reason.
(display "never printed")
(include "include-files/defs.sch"
         "include-files/no-such-file.sch")
