; hand-written .out: a compile error: include takes strings.
(include include-files/defs.sch)
