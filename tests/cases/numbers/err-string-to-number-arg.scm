(write (string->number "5"))
(newline)
(write (string->number 5))
