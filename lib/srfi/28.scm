;;; SRFI 28, basic format strings: closc's `format` (SRFI 48's intermediate
;;; format strings, a superset of SRFI 28's ~a ~s ~% ~~), which lives in
;;; lib/closc/format.scm, with the pretty printer its ~y uses.
(include "../closc/pretty-print.scm")
(include "../closc/format.scm")
