; hand-written .out: a compile error: the message must be a string.
(syntax-error not-a-string 1)
