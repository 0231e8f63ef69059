(write (list->string (list #\a #\b 3)))
