; `|\x0;0|` written by the user is not the expander's name for a local:
; referring to it is an unbound-variable error, not a read of `secret`.
(let ((secret 42))
  (display secret)
  (newline)
  (display |\x0;0|))
