; hand-written .out: a reader error in an included file is reported in it.
(display "never printed")
(include "include-files/bad-syntax.sch")
