; A guard with no matching clause re-raises; with no outer handler the
; error is reported as usual.
(display "start")
(newline)
(guard (e ((string? e) 'no)) (car '()))
