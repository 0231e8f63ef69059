(string-for-each (lambda (c) c) "abc" (quote abc))
