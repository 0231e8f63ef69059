; Standard procedures imported from (scheme base) are imported bindings too.
(import (scheme base))
(define (swap!) (set! car cdr))
