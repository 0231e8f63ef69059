(write (integer->char #xD7FF))
(newline)
(write (integer->char #xD800))
