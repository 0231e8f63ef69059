(write (string-append "a" #\b))
