; hand-written .out: a malformed form in an included file is reported in it.
(display "never printed")
(include "include-files/malformed-if.sch")
