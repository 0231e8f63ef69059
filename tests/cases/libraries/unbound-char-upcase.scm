; char-upcase is (scheme char)'s: unbound without importing it.
(import (scheme base) (scheme write))
(define (up c) (char-upcase c))
(display "before\n")
(display (up #\a))
