; Macros exported by a library mean what their free identifiers mean in the
; library, even where the importer binds those names to something else.
(import (scheme base) (scheme write) (lib macros))
(define (tag x) 'importer-tag)
(display (let ((if list) (t 5) (let 'shadowed))
           (list (my-or #f t) (tagged t))))
(newline)
(display (tag 1))
(newline)
