;; A local macro is not visible outside its let-syntax body: outside, its
;; name is an unbound variable (a warning, and an error when evaluated).
(let-syntax ((local-mac (syntax-rules () ((_) 1))))
  (display (local-mac)))
(local-mac)
