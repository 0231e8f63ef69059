(write (substring "hello" 2 1))
