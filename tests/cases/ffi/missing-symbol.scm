; In `closc run` the symbol is looked up when the definition runs; `closc
; build` fails at link time. Either way the error names the symbol.
(import (scheme base) (closc ffi))
(define nothing (foreign-procedure "closc_ffi_test_no_such_symbol" (int) int))
(nothing 1)
