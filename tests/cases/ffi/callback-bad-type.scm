(import (scheme base) (closc ffi))
(define c (foreign-callback (lambda () "x") () string))
