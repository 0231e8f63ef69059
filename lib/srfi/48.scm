;;; SRFI 48, intermediate format strings: closc's `format`, which lives in
;;; lib/closc/format.scm, with the pretty printer its ~y uses.
(include "../closc/pretty-print.scm")
(include "../closc/format.scm")
