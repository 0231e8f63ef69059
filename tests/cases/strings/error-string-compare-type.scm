(write (string<? "a" "b" (quote c)))
