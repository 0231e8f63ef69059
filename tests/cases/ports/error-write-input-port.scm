(write-char #\a (open-input-string "x"))
