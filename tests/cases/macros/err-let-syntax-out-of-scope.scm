;; A local macro is not visible outside its let-syntax body.
(let-syntax ((local-mac (syntax-rules () ((_) 1))))
  (display (local-mac)))
(local-mac)
