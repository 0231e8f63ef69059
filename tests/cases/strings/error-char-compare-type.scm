(write (char<? #\a #\b 98))
